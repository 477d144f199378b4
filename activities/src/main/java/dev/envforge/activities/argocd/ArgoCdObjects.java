package dev.envforge.activities.argocd;

import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.ArgoCdRegistrationSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects that declare one environment to Argo CD, built from the spec and the settings. Pure.
 *
 * <p>Both carry envforge's labels ({@code app.kubernetes.io/managed-by}, {@code
 * envforge.dev/environment}, {@code envforge.dev/team}), so a sweep by label finds them, and the
 * workflow id. They carry no expiry: an extension would leave it stale, and the environment's
 * namespace holds the current one.
 */
final class ArgoCdObjects {

  static final String API_VERSION = "argoproj.io/v1alpha1";
  static final String APP_PROJECT = "AppProject";

  /** Argo CD's AppProject kind, named without asking the API server's discovery. */
  static final ResourceDefinitionContext APP_PROJECTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind(APP_PROJECT)
          .withPlural("appprojects")
          .withNamespaced(true)
          .build();

  /** The label by which Argo CD finds its cluster Secrets. */
  static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";

  static final String SECRET_TYPE_CLUSTER = "cluster";

  /** The environment's namespace, for ApplicationSet templates that target the cluster Secret. */
  static final String NAMESPACE_ANNOTATION = "envforge.dev/namespace";

  private final ArgoCdSettings settings;

  ArgoCdObjects(ArgoCdSettings settings) {
    this.settings = settings;
  }

  /** The AppProject's name, and the cluster's name in Argo CD: {@code env-<team>-<name>}. */
  static String projectName(EnvironmentLabels labels) {
    return "env-" + labels.environmentId();
  }

  static String clusterSecretName(EnvironmentLabels labels) {
    return projectName(labels) + "-cluster";
  }

  /**
   * The environment's AppProject: the configured source repositories, exactly one destination (the
   * environment's namespace on its cluster), and no cluster-scoped resources (Argo CD permits none
   * while the project's cluster resource allow-list is empty).
   */
  GenericKubernetesResource appProject(ArgoCdRegistrationSpec spec, String server) {
    EnvironmentLabels labels = spec.labels();
    Map<String, Object> destination = new LinkedHashMap<>();
    destination.put("server", server);
    destination.put("namespace", spec.namespace());
    Map<String, Object> projectSpec = new LinkedHashMap<>();
    projectSpec.put(
        "description",
        "envforge environment " + labels.environmentId() + " of team " + labels.team());
    projectSpec.put("sourceRepos", List.copyOf(settings.sourceRepos()));
    projectSpec.put("destinations", List.of(destination));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(APP_PROJECT)
        .withNewMetadata()
        .withName(projectName(labels))
        .withNamespace(settings.namespace())
        .withLabels(ManagedMetadata.labels(labels))
        .withAnnotations(annotations(spec))
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", projectSpec))
        .build();
  }

  /**
   * A dedicated cluster as Argo CD sees it: scoped to the environment's project and namespace, so
   * only the environment's applications deploy there, and only into its namespace. Labelled with
   * team and environment for ApplicationSet cluster generators.
   */
  Secret clusterSecret(ArgoCdRegistrationSpec spec, ArgoCdCluster cluster) {
    EnvironmentLabels labels = spec.labels();
    Map<String, String> secretLabels = new LinkedHashMap<>(ManagedMetadata.labels(labels));
    secretLabels.put(SECRET_TYPE_LABEL, SECRET_TYPE_CLUSTER);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("name", projectName(labels));
    data.put("server", cluster.server());
    data.put("config", cluster.config());
    data.put("project", projectName(labels));
    data.put("namespaces", spec.namespace());
    data.put("clusterResources", "false");
    return new SecretBuilder()
        .withNewMetadata()
        .withName(clusterSecretName(labels))
        .withNamespace(settings.namespace())
        .withLabels(secretLabels)
        .withAnnotations(annotations(spec))
        .endMetadata()
        .withType("Opaque")
        .withData(base64(data))
        .build();
  }

  private static Map<String, String> annotations(ArgoCdRegistrationSpec spec) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(EnvironmentLabels.WORKFLOW_ID, spec.labels().workflowId());
    annotations.put(NAMESPACE_ANNOTATION, spec.namespace());
    return annotations;
  }

  private static Map<String, String> base64(Map<String, String> values) {
    Map<String, String> encoded = new LinkedHashMap<>();
    values.forEach(
        (key, value) ->
            encoded.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return encoded;
  }
}
