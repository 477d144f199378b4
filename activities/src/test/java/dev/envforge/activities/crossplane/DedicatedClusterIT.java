package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.crossplane.CrossplaneStandIn.Behaviour;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dedicated clusters against the local platform's API server as the management cluster, with the
 * XEnvCluster CRD installed and {@link CrossplaneStandIn} playing Crossplane; the "dedicated
 * cluster" itself is a {@link SecondApiServer}.
 */
@ExtendWith({LocalPlatformExtension.class, CompositeCrdsExtension.class})
class DedicatedClusterIT {

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String environmentId = "cp-" + suffix;
  private final String secretNamespace = "cp-secrets-" + suffix;
  private final DedicatedClusterSpec spec =
      new DedicatedClusterSpec(
          "env-" + environmentId,
          Profile.SMALL,
          new EnvironmentLabels(
              environmentId, "cp", "environment/cp/" + suffix, Instant.now().plusSeconds(3600)));
  private final List<Object> beats = new CopyOnWriteArrayList<>();

  private KubernetesClient management;
  private RegistryClusterClients clusterClients;

  @BeforeEach
  void connect(LocalPlatform platform) {
    clusterClients = LocalClusterClients.of(platform);
    management = clusterClients.management();
    management
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(secretNamespace)
                .endMetadata()
                .build())
        .create();
  }

  @AfterEach
  void cleanUp() {
    management.resources(XEnvCluster.class).withName(spec.compositeName()).delete();
    management.namespaces().withName(secretNamespace).delete();
    clusterClients.close();
  }

  private KubernetesCrossplaneActivities activities(Duration patience) {
    return new KubernetesCrossplaneActivities(
        clusterClients,
        CrossplaneSettings.of(secretNamespace, patience, Duration.ofMillis(250)),
        beats::add);
  }

  @Test
  void givenCrossplaneMakesTheCluster_whenEnsured_itShouldReturnARefThatReachesTheNewCluster()
      throws Exception {
    KubernetesCrossplaneActivities activities = activities(Duration.ofSeconds(60));
    try (SecondApiServer dedicated = SecondApiServer.start(Duration.ofSeconds(60));
        var crossplane =
            CrossplaneStandIn.clusters(
                management,
                environmentId,
                Behaviour.BECOME_READY,
                Duration.ofSeconds(1),
                dedicated.adminKubeconfig())) {

      ClusterRef ref = activities.ensureDedicatedCluster(spec);

      assertThat(ref)
          .isEqualTo(
              new ClusterRef(
                  spec.compositeName(),
                  ClusterMode.DEDICATED,
                  secretNamespace,
                  spec.compositeName() + "-kubeconfig"));
      Secret secret =
          management
              .secrets()
              .inNamespace(ref.connectionSecretNamespace())
              .withName(ref.connectionSecretName())
              .get();
      assertThat(
              new String(
                  Base64.getDecoder().decode(secret.getData().get("kubeconfig")),
                  StandardCharsets.UTF_8))
          .contains(dedicated.url());
      assertThat(beats)
          .anySatisfy(beat -> assertThat(beat.toString()).contains("Ready=False (Creating)"));
      assertThat(beats)
          .noneSatisfy(beat -> assertThat(beat.toString()).contains("client-key-data"));

      String namespace = "lands-on-dedicated-" + suffix;
      clusterClients
          .forCluster(ref)
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
      try (KubernetesClient direct = dedicated.client()) {
        assertThat(direct.namespaces().withName(namespace).get()).isNotNull();
      }
      assertThat(management.namespaces().withName(namespace).get()).isNull();

      // Running again (a retried activity) finds the Ready composite and returns the same ref.
      assertThat(activities.ensureDedicatedCluster(spec)).isEqualTo(ref);
    }
  }

  @Test
  void givenACompositeThatKeepsFailing_whenThePatienceRunsOut_itShouldFailWithClusterNotReady()
      throws Exception {
    try (var crossplane =
        CrossplaneStandIn.clusters(
            management, environmentId, Behaviour.FAIL_TO_RECONCILE, Duration.ZERO, "unused")) {

      assertThatThrownBy(() -> activities(Duration.ofSeconds(3)).ensureDedicatedCluster(spec))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo("CLUSTER_NOT_READY");
                assertThat(failure.isNonRetryable()).isTrue();
              })
          .hasMessageContaining(spec.compositeName())
          .hasMessageContaining("failing: ")
          .hasMessageContaining("Synced=False (ReconcileError)");
    }
  }

  @Test
  void givenAPausedComposite_whenEnsured_itShouldFailAtOnceWithoutWaitingOutThePatience()
      throws Exception {
    try (var crossplane =
        CrossplaneStandIn.clusters(
            management, environmentId, Behaviour.PAUSED, Duration.ZERO, "unused")) {
      long started = System.nanoTime();

      assertThatThrownBy(() -> activities(Duration.ofMinutes(5)).ensureDedicatedCluster(spec))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> assertThat(failure.getType()).isEqualTo("CLUSTER_NOT_READY"))
          .hasMessageContaining("ReconcilePaused");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }
  }

  @Test
  void givenAReadyCluster_whenDeletedTwice_itShouldBeGoneAndTheSecondDeleteShouldBeANoOp()
      throws Exception {
    KubernetesCrossplaneActivities activities = activities(Duration.ofSeconds(60));
    try (var crossplane =
        CrossplaneStandIn.clusters(
            management, environmentId, Behaviour.BECOME_READY, Duration.ZERO, "kubeconfig: none")) {
      activities.ensureDedicatedCluster(spec);
    }

    activities.deleteDedicatedCluster(spec);

    assertThat(management.resources(XEnvCluster.class).withName(spec.compositeName()).get())
        .isNull();
    activities.deleteDedicatedCluster(spec);
  }

  @Test
  void givenNoCluster_whenDeleted_itShouldReturnQuietly() {
    activities(Duration.ofSeconds(5)).deleteDedicatedCluster(spec);

    assertThat(management.resources(XEnvCluster.class).withName(spec.compositeName()).get())
        .isNull();
  }
}
