package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the XRDs and the Java models agree on a real API server: the CRD Crossplane would derive
 * from each XRD is installed under a throw-away API group, and the objects envforge builds (spec
 * and a full status) are written with server-side field validation Strict, which refuses any field
 * the schema does not know. The same writes with an unknown or mistyped field fail.
 */
@ExtendWith(LocalPlatformExtension.class)
class XrdSchemaIT {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final EnvironmentLabels LABELS =
      new EnvironmentLabels("schema-check", "schema", "environment/schema/check", Instant.now());

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String group = "s" + suffix + ".schema-test.envforge.dev";
  private final List<String> installed = new ArrayList<>();
  private final CrossplaneSettings settings =
      new CrossplaneSettings(
          "envforge-system",
          Duration.ofMinutes(1),
          Duration.ofSeconds(1),
          null,
          "eu-1",
          null,
          null);
  private KubernetesClient client;

  @BeforeEach
  void connect() {
    client = CompositeCrdsExtension.localClient();
  }

  @AfterEach
  void removeCrds() {
    installed.forEach(name -> CompositeCrds.remove(client, name));
    client.close();
  }

  @Test
  void givenTheClusterXrdsCrd_whenEnvforgesClusterIsWrittenStrictly_itShouldBeAcceptedWhole() {
    install(CrossplaneXrd.cluster());
    XEnvCluster desired =
        DedicatedClusterComposite.desired(
            new DedicatedClusterSpec("check-" + suffix, Profile.LARGE, LABELS), settings);

    GenericKubernetesResource created = strictCreate(desired);
    GenericKubernetesResource withStatus = strictUpdateStatus(created);

    XEnvCluster readBack = SERIALIZATION.convertValue(withStatus, XEnvCluster.class);
    assertThat(readBack.getSpec()).usingRecursiveComparison().isEqualTo(desired.getSpec());
    assertThat(CompositeKind.DEDICATED_CLUSTER.conditions().apply(readBack))
        .isEqualTo(fullConditions());
  }

  @Test
  void givenTheDatabaseXrdsCrd_whenEnvforgesDatabaseIsWrittenStrictly_itShouldBeAcceptedWhole() {
    install(CrossplaneXrd.database());
    EnvDatabase desired = CompositeDatabase.desired(databaseSpec(), settings);

    GenericKubernetesResource created = strictCreate(desired);
    GenericKubernetesResource withStatus = strictUpdateStatus(created);

    EnvDatabase readBack = SERIALIZATION.convertValue(withStatus, EnvDatabase.class);
    assertThat(readBack.getSpec()).usingRecursiveComparison().isEqualTo(desired.getSpec());
    assertThat(CompositeKind.DATABASE.conditions().apply(readBack)).isEqualTo(fullConditions());
  }

  @Test
  void givenTheCrds_whenASpecHasAnUnknownOrMistypedField_itShouldBeRefused() {
    install(CrossplaneXrd.cluster());
    install(CrossplaneXrd.database());
    GenericKubernetesResource cluster =
        generic(
            DedicatedClusterComposite.desired(
                new DedicatedClusterSpec("check-" + suffix, Profile.SMALL, LABELS), settings));
    GenericKubernetesResource database =
        generic(CompositeDatabase.desired(databaseSpec(), settings));

    specOf(cluster).put("zone", "b");
    assertRefused(cluster, "zone");
    specOf(cluster).remove("zone");
    specOf(cluster).put("nodeCount", "three");
    assertRefused(cluster, "nodeCount");

    specOf(database).put("storageGB", "lots");
    assertRefused(database, "storageGB");
    specOf(database).put("storageGB", 5);
    ((Map<String, Object>) specOf(database).get("writeConnectionSecretToRef"))
        .put("namespace", "elsewhere");
    assertRefused(database, "namespace");
  }

  @Test
  void givenTheClusterCrd_whenAStatusConditionHasAnUnknownField_itShouldBeRefused() {
    install(CrossplaneXrd.cluster());
    GenericKubernetesResource created =
        strictCreate(
            DedicatedClusterComposite.desired(
                new DedicatedClusterSpec("check-" + suffix, Profile.SMALL, LABELS), settings));
    Map<String, Object> condition = new HashMap<>(fullStatus().get("conditions").get(0));
    condition.put("severity", "high");
    created.setAdditionalProperty("status", Map.of("conditions", List.of(condition)));

    assertThatThrownBy(
            () -> client.resource(created).fieldValidation(Validation.STRICT).updateStatus())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("severity");
  }

  private void install(CrossplaneXrd xrd) {
    CustomResourceDefinition crd = CompositeCrds.install(client, xrd.toCrd(group));
    installed.add(crd.getMetadata().getName());
  }

  private DatabaseSpec databaseSpec() {
    return new DatabaseSpec(
        ClusterRef.shared("local"),
        "default",
        "check_" + suffix,
        "check_owner",
        "database",
        LABELS);
  }

  /** The model as an untyped object of the throw-away group, so its schema is the one tested. */
  private GenericKubernetesResource generic(HasMetadata model) {
    GenericKubernetesResource resource =
        SERIALIZATION.convertValue(model, GenericKubernetesResource.class);
    resource.setApiVersion(group + "/" + model.getApiVersion().split("/")[1]);
    return resource;
  }

  private GenericKubernetesResource strictCreate(HasMetadata model) {
    return client.resource(generic(model)).fieldValidation(Validation.STRICT).create();
  }

  private GenericKubernetesResource strictUpdateStatus(GenericKubernetesResource created) {
    created.setAdditionalProperty("status", fullStatus());
    return client.resource(created).fieldValidation(Validation.STRICT).updateStatus();
  }

  /** A status with every field the XRDs declare, as Crossplane writes it. */
  private static Map<String, List<Map<String, String>>> fullStatus() {
    return Map.of(
        "conditions",
        List.of(
            Map.of(
                "type", "Ready",
                "status", "False",
                "reason", "Creating",
                "message", "Unready resources: cluster",
                "lastTransitionTime", "2030-01-01T00:00:00Z"),
            Map.of(
                "type", "Synced",
                "status", "True",
                "reason", "ReconcileSuccess",
                "message", "all good",
                "lastTransitionTime", "2030-01-01T00:00:01Z")));
  }

  private static List<CompositeCondition> fullConditions() {
    return List.of(
        new CompositeCondition("Ready", "False", "Creating", "Unready resources: cluster"),
        new CompositeCondition("Synced", "True", "ReconcileSuccess", "all good"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> specOf(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }

  private void assertRefused(GenericKubernetesResource resource, String field) {
    assertThatThrownBy(() -> client.resource(resource).fieldValidation(Validation.STRICT).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(field)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isIn(400, 422));
  }
}
