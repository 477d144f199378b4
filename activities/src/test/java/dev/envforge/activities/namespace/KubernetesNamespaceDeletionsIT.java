package dev.envforge.activities.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.reaper.DeletionWatch;
import dev.envforge.workflows.reaper.RequestedDeletion;
import dev.envforge.workflows.reaper.StuckNamespace;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reaper's two halves of namespace deletion against the local platform's real controllers. */
@ExtendWith(LocalPlatformExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KubernetesNamespaceDeletionsIT {

  private static final String HOLD_FINALIZER = "envforge.dev/it-hold";

  /**
   * Patience restarts whenever a namespace goes; the controller-manager on a loaded machine can
   * take tens of seconds before it removes an empty namespace, so only the held one may outlast it.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(40);

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> namespacesToRemove = new ArrayList<>();
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();
  private RegistryClusterClients clients;
  private KubernetesClient kube;
  private KubernetesNamespaceActivities namespaces;
  private KubernetesNamespaceDeletions deletions;

  @BeforeEach
  void connect(LocalPlatform platform) {
    clients = LocalClusterClients.of(platform);
    kube = clients.shared("local");
    namespaces =
        new KubernetesNamespaceActivities(clients, NamespaceSettings.defaults(), heartbeats::add);
    deletions =
        new KubernetesNamespaceDeletions(
            clients, PATIENCE, Duration.ofMillis(500), heartbeats::add);
  }

  @AfterEach
  void cleanUp() {
    for (String namespace : namespacesToRemove) {
      if (kube.namespaces().withName(namespace).get() != null) {
        releaseFinalizer(namespace);
        kube.namespaces().withName(namespace).delete();
      }
    }
    clients.close();
  }

  @Test
  void givenDeletionsRequestedTogether_whenAwaited_itShouldWaitForAllAndReportOnlyTheStuckOne() {
    NamespaceSpec first = spec("first");
    NamespaceSpec second = spec("second");
    NamespaceSpec held = spec("held");
    NamespaceSpec foreign = spec("foreign");
    for (NamespaceSpec spec : List.of(first, second, held)) {
      namespaces.ensureNamespace(spec);
    }
    kube.resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(foreign.namespace())
                .withLabels(Map.of("owner", "someone-else"))
                .endMetadata()
                .build())
        .create();
    kube.namespaces()
        .withName(held.namespace())
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"finalizers\":[\"" + HOLD_FINALIZER + "\"]}}");
    List<RequestedDeletion> requested = new ArrayList<>();
    for (NamespaceSpec spec : List.of(first, second, held, foreign)) {
      requested.add(
          new RequestedDeletion(
              spec.namespace(),
              kube.namespaces().withName(spec.namespace()).get().getMetadata().getUid()));
    }

    for (NamespaceSpec spec : List.of(first, second, held, foreign)) {
      deletions.requestNamespaceDeletion(spec);
    }
    // The request does not wait: the held namespace is still there, being deleted.
    assertThat(kube.namespaces().withName(held.namespace()).get().getMetadata())
        .extracting(meta -> meta.getDeletionTimestamp())
        .isNotNull();

    List<StuckNamespace> stuck =
        deletions.awaitNamespacesGone(new DeletionWatch("local", requested));

    assertThat(stuck)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.namespace()).isEqualTo(held.namespace());
              assertThat(s.reason())
                  .contains("still terminating")
                  .contains(PATIENCE.toString())
                  .contains(HOLD_FINALIZER);
            });
    assertThat(kube.namespaces().withName(first.namespace()).get()).isNull();
    assertThat(kube.namespaces().withName(second.namespace()).get()).isNull();
    // Not the environment's own: neither deleted nor waited for.
    Namespace survivor = kube.namespaces().withName(foreign.namespace()).get();
    assertThat(survivor).isNotNull();
    assertThat(survivor.getMetadata().getDeletionTimestamp()).isNull();
    assertThat(heartbeats).isNotEmpty();
    assertThat(heartbeats.get(heartbeats.size() - 1).toString())
        .contains("1 of 4 still terminating")
        .contains(held.namespace());

    // Once nothing holds it any more, waiting again finds it gone.
    releaseFinalizer(held.namespace());
    assertThat(deletions.awaitNamespacesGone(new DeletionWatch("local", requested))).isEmpty();
    assertThat(kube.namespaces().withName(held.namespace()).get()).isNull();
  }

  private NamespaceSpec spec(String purpose) {
    String environmentId = "it-" + purpose + "-" + suffix;
    String namespace = "envforge-" + environmentId;
    namespacesToRemove.add(namespace);
    return new NamespaceSpec(
        ClusterRef.shared("local"),
        namespace,
        Profile.SMALL,
        new EnvironmentLabels(
            environmentId,
            "it-team",
            "environment/it-team/" + purpose + "-" + suffix,
            Instant.now().plus(Duration.ofHours(1))));
  }

  private void releaseFinalizer(String namespace) {
    kube.namespaces()
        .withName(namespace)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
  }
}
