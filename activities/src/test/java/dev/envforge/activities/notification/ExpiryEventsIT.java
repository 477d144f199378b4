package dev.envforge.activities.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The expiry warning Event against the local platform's real API server. */
@ExtendWith(LocalPlatformExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ExpiryEventsIT {

  private final String namespace = "ttl-it-" + UUID.randomUUID().toString().substring(0, 8);
  private RegistryClusterClients clients;
  private KubernetesClient kube;

  @BeforeEach
  void connect(LocalPlatform platform) {
    clients = LocalClusterClients.of(platform);
    kube = clients.shared(LocalClusterClients.NAME);
  }

  @AfterEach
  void cleanUp() {
    kube.namespaces().withName(namespace).delete();
    clients.close();
  }

  @Test
  void givenANamespace_whenTheWarningIsRecordedTwice_itShouldHoldOneWarningEventOnIt() {
    Namespace created = createNamespace();
    ExpiryWarningNotice notice = notice();
    KubernetesExpiryEvents events = new KubernetesExpiryEvents(clients, "worker-it");

    String first = events.record(notice);
    // A retried activity: same notice, same Event.
    String second = events.record(notice);

    assertThat(second).isEqualTo(first).isEqualTo(ExpiryEvents.name(notice));
    List<Event> onNamespace =
        kube.v1()
            .events()
            .inNamespace(namespace)
            .withField("involvedObject.kind", "Namespace")
            .list()
            .getItems();
    assertThat(onNamespace).hasSize(1);
    Event event = onNamespace.get(0);
    assertThat(event.getMetadata().getName()).isEqualTo(first);
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getReason()).isEqualTo("EnvironmentExpiring");
    assertThat(event.getInvolvedObject().getName()).isEqualTo(namespace);
    assertThat(event.getInvolvedObject().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(event.getMessage()).contains(notice.expiresAt().toString());
    assertThat(event.getReportingComponent()).isEqualTo("envforge");
    assertThat(event.getCount()).isEqualTo(1);
    assertThat(event.getMetadata().getLabels())
        .containsEntry(EnvironmentLabels.ENVIRONMENT, notice.environmentId());
  }

  @Test
  void givenALaterExpiry_whenWarnedAgain_itShouldAddASecondEvent() {
    createNamespace();
    KubernetesExpiryEvents events = new KubernetesExpiryEvents(clients, "worker-it");
    ExpiryWarningNotice first = notice();
    ExpiryWarningNotice afterExtend =
        new ExpiryWarningNotice(
            first.id() + "-2",
            first.environmentId(),
            first.team(),
            first.name(),
            first.cluster(),
            first.namespace(),
            first.workflowId(),
            first.expiresAt().plus(2, ChronoUnit.HOURS),
            first.warnedAt().plus(2, ChronoUnit.HOURS));

    events.record(first);
    events.record(afterExtend);

    assertThat(kube.v1().events().inNamespace(namespace).list().getItems())
        .extracting(e -> e.getMetadata().getName())
        .containsExactlyInAnyOrder(ExpiryEvents.name(first), ExpiryEvents.name(afterExtend));
  }

  @Test
  void givenNoNamespace_whenTheWarningIsRecorded_itShouldFailForGoodSayingSo() {
    Throwable failure =
        catchThrowable(() -> new KubernetesExpiryEvents(clients, "worker-it").record(notice()));

    assertThat(failure)
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue())
        .hasMessageContaining(namespace + " is gone");
  }

  private Namespace createNamespace() {
    return kube.namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  private ExpiryWarningNotice notice() {
    Instant expiresAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    return new ExpiryWarningNotice(
        "environment/it/" + namespace + "/run-1/expiring/" + expiresAt,
        "it-" + namespace,
        "it",
        namespace,
        ClusterRef.shared(LocalClusterClients.NAME),
        namespace,
        "environment/it/" + namespace,
        expiresAt,
        expiresAt.minus(1, ChronoUnit.HOURS));
  }
}
