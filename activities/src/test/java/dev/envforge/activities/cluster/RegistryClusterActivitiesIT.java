package dev.envforge.activities.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.request.ClusterMode;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Shared-cluster placement against the local platform's real API server. */
@ExtendWith(LocalPlatformExtension.class)
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RegistryClusterActivitiesIT {

  private RegistryClusterClients clients;
  private RegistryClusterActivities activities;

  @BeforeEach
  void connect(LocalPlatform platform) {
    clients = LocalClusterClients.of(platform);
    activities = new RegistryClusterActivities(clients);
  }

  @AfterEach
  void disconnect() {
    clients.close();
  }

  @Test
  void givenAKnownCluster_whenPlaced_itShouldReturnASharedReferenceToIt() {
    ClusterRef placed = activities.placeShared("local");

    assertThat(placed).isEqualTo(ClusterRef.shared("local"));
    assertThat(placed.mode()).isEqualTo(ClusterMode.SHARED);
    assertThat(placed.connectionSecretName()).isNull();
  }

  @Test
  void givenNoClusterName_whenPlaced_itShouldUseTheRegistryDefault() {
    assertThat(activities.placeShared(null)).isEqualTo(ClusterRef.shared("local"));
  }

  @Test
  void givenAnUnknownCluster_whenPlaced_itShouldFailForGood() {
    assertThatThrownBy(() -> activities.placeShared("nowhere"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("UNKNOWN_CLUSTER");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("nowhere");
            });
  }
}
