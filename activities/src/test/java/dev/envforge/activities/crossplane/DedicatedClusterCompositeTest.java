package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.activities.crossplane.model.XEnvClusterSpec;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedicatedClusterCompositeTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static final EnvironmentLabels LABELS =
      new EnvironmentLabels(
          "payments-demo",
          "payments",
          "environment/payments/demo",
          Instant.parse("2030-01-02T03:04:05Z"));

  private final CrossplaneSettings settings =
      new CrossplaneSettings(
          "platform-secrets",
          Duration.ofMinutes(5),
          Duration.ofSeconds(2),
          Map.of(Profile.MEDIUM, 4),
          "europe-west4",
          null,
          null);

  @Test
  void
      givenAMediumDedicatedCluster_whenBuilt_itShouldAskForTheProfilesNodesAndItsKubeconfigSecret() {
    XEnvCluster cluster =
        DedicatedClusterComposite.desired(
            new DedicatedClusterSpec("env-payments-demo", Profile.MEDIUM, LABELS), settings);

    assertThat(cluster.getApiVersion()).isEqualTo("platform.envforge.dev/v1alpha1");
    assertThat(cluster.getKind()).isEqualTo("XEnvCluster");
    assertThat(cluster.getMetadata().getName()).isEqualTo("env-payments-demo");
    assertThat(cluster.getMetadata().getNamespace()).isNull();
    assertThat(cluster.getSpec().getProfile()).isEqualTo(XEnvClusterSpec.Profile.MEDIUM);
    assertThat(cluster.getSpec().getNodeCount()).isEqualTo(4L);
    assertThat(cluster.getSpec().getRegion()).isEqualTo("europe-west4");
    assertThat(cluster.getSpec().getWriteConnectionSecretToRef().getName())
        .isEqualTo("env-payments-demo-kubeconfig");
    assertThat(cluster.getSpec().getWriteConnectionSecretToRef().getNamespace())
        .isEqualTo("platform-secrets");
    assertThat(cluster.getStatus()).isNull();
  }

  @Test
  void givenASpec_whenSerialized_itShouldSendExactlyTheXrdsFieldsAndNoRegionWhenUnset() {
    XEnvCluster cluster =
        DedicatedClusterComposite.desired(
            new DedicatedClusterSpec("env-payments-demo", Profile.LARGE, LABELS),
            CrossplaneSettings.defaults());

    assertThat(onTheWire(cluster.getSpec()))
        .isEqualTo(
            Map.of(
                "profile",
                "large",
                "nodeCount",
                3,
                "writeConnectionSecretToRef",
                Map.of("name", "env-payments-demo-kubeconfig", "namespace", "envforge-system")));
  }

  @Test
  void givenEveryProfile_whenBuilt_itShouldBeOneTheXrdAllows() {
    for (Profile profile : Profile.values()) {
      assertThat(DedicatedClusterComposite.profile(profile).getValue())
          .isEqualTo(SERIALIZATION.convertValue(profile, String.class));
    }
  }

  @Test
  void givenAnEnvironment_whenBuilt_itShouldCarryTheManagedLabelsAndAnnotations() {
    XEnvCluster cluster =
        DedicatedClusterComposite.desired(
            new DedicatedClusterSpec("env-payments-demo", Profile.SMALL, LABELS), settings);

    assertThat(cluster.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "envforge")
        .containsEntry("envforge.dev/environment", "payments-demo")
        .containsEntry("envforge.dev/team", "payments");
    assertThat(cluster.getMetadata().getAnnotations())
        .containsEntry("envforge.dev/expires-at", "2030-01-02T03:04:05Z")
        .containsEntry("envforge.dev/workflow-id", "environment/payments/demo");
  }

  @Test
  void
      givenDefaultSettings_whenBuilt_itShouldLeaveTheRegionToTheCompositionAndUseOneNodeForSmall() {
    XEnvCluster cluster =
        DedicatedClusterComposite.desired(
            new DedicatedClusterSpec("env-payments-demo", Profile.SMALL, LABELS),
            CrossplaneSettings.defaults());

    assertThat(cluster.getSpec().getRegion()).isNull();
    assertThat(cluster.getSpec().getNodeCount()).isEqualTo(1L);
    assertThat(cluster.getSpec().getWriteConnectionSecretToRef().getNamespace())
        .isEqualTo("envforge-system");
  }

  @Test
  void givenASpec_whenReferenced_itShouldPointAtTheConnectionSecretOnly() {
    ClusterRef ref =
        DedicatedClusterComposite.reference(
            new DedicatedClusterSpec("env-payments-demo", Profile.SMALL, LABELS), settings);

    assertThat(ref)
        .isEqualTo(
            new ClusterRef(
                "env-payments-demo",
                ClusterMode.DEDICATED,
                "platform-secrets",
                "env-payments-demo-kubeconfig"));
  }

  /** The JSON the API server receives, read back as plain maps and numbers. */
  private static Map<?, ?> onTheWire(Object spec) {
    return SERIALIZATION.unmarshal(SERIALIZATION.asJson(spec), Map.class);
  }
}
