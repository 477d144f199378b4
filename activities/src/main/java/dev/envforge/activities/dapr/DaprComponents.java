package dev.envforge.activities.dapr;

import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.activities.secret.ConnectionSecret;
import dev.envforge.workflows.activities.ComponentsSpec;
import dev.envforge.workflows.activities.DaprComponent;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.request.Capability;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dapr {@code Component} objects of an environment's capabilities. Pure: building touches no
 * cluster.
 *
 * <p>The state store's connection string is a {@code secretKeyRef} to the connection Secret's
 * {@code uri} key and never a value: in Kubernetes mode Dapr resolves such references from the
 * component's own namespace, so the password stays in the Secret that already holds it.
 */
public final class DaprComponents {

  public static final String API_VERSION = "dapr.io/v1alpha1";
  public static final String KIND = "Component";

  /** The names an application calls Dapr's APIs with; fixed and documented. */
  public static final String STATESTORE_NAME = "statestore";

  public static final String SECRETSTORE_NAME = "secretstore";

  /** Dapr's name for its Postgres state store; version v1 is the one Dapr picks by default. */
  public static final String STATESTORE_TYPE = "state.postgresql";

  public static final String SECRETSTORE_TYPE = "secretstores.kubernetes";

  public static final String VERSION = "v1";

  public static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup("dapr.io")
          .withVersion("v1alpha1")
          .withKind(KIND)
          .withPlural("components")
          .withNamespaced(true)
          .build();

  private DaprComponents() {}

  /** What the application addresses for {@code capability}. */
  public static DaprComponent describe(Capability capability) {
    return switch (capability) {
      case STATESTORE -> new DaprComponent(capability, STATESTORE_NAME, STATESTORE_TYPE, VERSION);
      case SECRETSTORE ->
          new DaprComponent(capability, SECRETSTORE_NAME, SECRETSTORE_TYPE, VERSION);
    };
  }

  /** The component of {@code capability} in the spec's namespace. */
  public static GenericKubernetesResource desired(ComponentsSpec spec, Capability capability) {
    DaprComponent component = describe(capability);
    Map<String, Object> componentSpec = new LinkedHashMap<>();
    componentSpec.put("type", component.type());
    componentSpec.put("version", component.version());
    componentSpec.put("metadata", metadata(spec, capability));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(KIND)
        .withNewMetadata()
        .withName(component.name())
        .withNamespace(spec.namespace())
        .withLabels(ManagedMetadata.labels(spec.labels()))
        .withAnnotations(annotations(spec.labels()))
        .endMetadata()
        .addToAdditionalProperties("spec", componentSpec)
        .build();
  }

  private static List<Map<String, Object>> metadata(ComponentsSpec spec, Capability capability) {
    return switch (capability) {
      case STATESTORE -> {
        if (spec.secretName() == null) {
          throw new IllegalArgumentException("a state store needs the environment's database");
        }
        yield List.of(
            Map.of(
                "name",
                "connectionString",
                "secretKeyRef",
                Map.of("name", spec.secretName(), "key", ConnectionSecret.URI)));
      }
      // Without it the store would read the namespace from the sidecar's environment, which a
      // sidecar outside the cluster (Dapr's self-hosted mode) does not have.
      case SECRETSTORE -> List.of(Map.of("name", "defaultNamespace", "value", spec.namespace()));
    };
  }

  /**
   * Only the workflow id: the expiry annotation lives on the namespace, whose deletion takes the
   * components with it, so an extend need not rewrite them.
   */
  private static Map<String, String> annotations(EnvironmentLabels labels) {
    return Map.of(EnvironmentLabels.WORKFLOW_ID, labels.workflowId());
  }
}
