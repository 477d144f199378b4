package dev.envforge.activities.dapr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.ComponentsSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.request.Capability;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaprComponentsTest {

  private static final EnvironmentLabels LABELS =
      new EnvironmentLabels(
          "payments-review",
          "payments",
          "environment/payments/review",
          Instant.parse("2026-01-01T10:00:00Z"));

  private static final ComponentsSpec SPEC =
      new ComponentsSpec(
          ClusterRef.shared("local"),
          "env-payments-review",
          "envforge-database",
          List.of(Capability.STATESTORE, Capability.SECRETSTORE),
          LABELS);

  @Test
  void givenAStateStore_itShouldReferToTheConnectionSecretsUriAndHoldNoValue() {
    GenericKubernetesResource component = DaprComponents.desired(SPEC, Capability.STATESTORE);

    assertThat(component.getApiVersion()).isEqualTo("dapr.io/v1alpha1");
    assertThat(component.getKind()).isEqualTo("Component");
    assertThat(component.getMetadata().getName()).isEqualTo("statestore");
    assertThat(component.getMetadata().getNamespace()).isEqualTo("env-payments-review");
    assertThat(component.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "envforge")
        .containsEntry("envforge.dev/environment", "payments-review")
        .containsEntry("envforge.dev/team", "payments");
    assertThat(component.getMetadata().getAnnotations())
        .containsOnlyKeys("envforge.dev/workflow-id");
    Map<String, Object> spec = spec(component);
    assertThat(spec).containsEntry("type", "state.postgresql").containsEntry("version", "v1");
    assertThat(spec.get("metadata"))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "connectionString",
                    "secretKeyRef",
                    Map.of("name", "envforge-database", "key", "uri"))));
    // No auth block: in Kubernetes mode Dapr resolves secretKeyRef from the namespace's Secrets.
    assertThat(component.getAdditionalProperties()).doesNotContainKey("auth");
  }

  @Test
  void givenASecretStore_itShouldBeTheKubernetesStoreOfTheEnvironmentsNamespace() {
    GenericKubernetesResource component = DaprComponents.desired(SPEC, Capability.SECRETSTORE);

    assertThat(component.getMetadata().getName()).isEqualTo("secretstore");
    Map<String, Object> spec = spec(component);
    assertThat(spec).containsEntry("type", "secretstores.kubernetes");
    assertThat(spec.get("metadata"))
        .isEqualTo(List.of(Map.of("name", "defaultNamespace", "value", "env-payments-review")));
  }

  @Test
  void givenAStateStoreWithoutADatabase_itShouldRefuseToBuildOne() {
    ComponentsSpec noDatabase =
        new ComponentsSpec(
            SPEC.cluster(), SPEC.namespace(), null, List.of(Capability.STATESTORE), LABELS);
    assertThatThrownBy(() -> DaprComponents.desired(noDatabase, Capability.STATESTORE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource component) {
    return (Map<String, Object>) component.getAdditionalProperties().get("spec");
  }
}
