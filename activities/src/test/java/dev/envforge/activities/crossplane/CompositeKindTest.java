package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class CompositeKindTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void givenAFreshComposite_whenItsConditionsAreRead_itShouldHaveNone() {
    assertThat(CompositeKind.DEDICATED_CLUSTER.conditions().apply(new XEnvCluster())).isEmpty();
    assertThat(CompositeKind.DATABASE.conditions().apply(new EnvDatabase())).isEmpty();
  }

  @Test
  void
      givenACompositeAsCrossplaneServesIt_whenRead_itShouldKeepItsMachineryAndYieldItsConditions() {
    // Crossplane adds spec.crossplane and more status to every composite; the XRD declares none of
    // it, and reading must not fail on it.
    String served =
        """
        {"apiVersion": "platform.envforge.dev/v1alpha1", "kind": "EnvDatabase",
         "metadata": {"name": "payments-demo", "namespace": "env-payments-demo"},
         "spec": {"engine": "postgres", "version": "16", "storageGB": 20,
                  "databaseName": "payments_demo", "username": "payments_demo_owner",
                  "writeConnectionSecretToRef": {"name": "payments-demo-crossplane-connection"},
                  "crossplane": {"compositionRef": {"name": "envdatabases.postgres"}}},
         "status": {"conditions": [
                      {"type": "Synced", "status": "True", "reason": "ReconcileSuccess",
                       "lastTransitionTime": "2030-01-01T00:00:00Z", "observedGeneration": 2},
                      {"type": "Ready", "status": "False", "reason": "Creating",
                       "message": "Unready resources: role", "lastTransitionTime": "2030-01-01T00:00:01Z"}],
                    "crossplane": {"connectionDetails": {}}}}
        """;

    EnvDatabase database = SERIALIZATION.unmarshal(served, EnvDatabase.class);

    assertThat(CompositeKind.DATABASE.conditions().apply(database))
        .containsExactly(
            new CompositeCondition("Synced", "True", "ReconcileSuccess", null),
            new CompositeCondition("Ready", "False", "Creating", "Unready resources: role"));
    assertThat(database.getSpec().getAdditionalProperties()).containsKey("crossplane");
  }
}
