package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.envforge.workflows.activities.LifecycleChange;
import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Each lifecycle change is announced once, with an id that names the run and counts the changes of
 * its kind; a sink that keeps failing never holds up the environment; the run's memo records what
 * the delivery figures need. Behaviour (what was announced) and state (the memo) in workflow time.
 */
class LifecycleEventsWorkflowTest extends EnvironmentWorkflowTestCase {

  @Test
  void givenAnEnvironmentExtendedTwice_whenDestroyed_itShouldAnnounceEachChangeOnce() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);
    workflow.extend(ExtendRequest.by("PT1H"));
    workflow.extend(ExtendRequest.by("PT1H"));
    workflow.destroy("done");
    EnvironmentStatus result = result();

    // The deliveries run side by side, so the sinks may see them in any order; the ids tell them.
    List<LifecycleEvent> events = announced();
    assertThat(events)
        .extracting(LifecycleEvent::change)
        .containsExactlyInAnyOrder(
            LifecycleChange.CREATED,
            LifecycleChange.EXTENDED,
            LifecycleChange.EXTENDED,
            LifecycleChange.DELETED);
    String runId =
        client
            .fetchHistory(WORKFLOW_ID)
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getOriginalExecutionRunId();
    assertThat(events)
        .extracting(LifecycleEvent::id)
        .containsExactlyInAnyOrder(
            WORKFLOW_ID + "/" + runId + "/created/1",
            WORKFLOW_ID + "/" + runId + "/extended/1",
            WORKFLOW_ID + "/" + runId + "/extended/2",
            WORKFLOW_ID + "/" + runId + "/deleted/1");
    LifecycleEvent created = byId(events, "/created/1");
    assertThat(created.environmentId()).isEqualTo("payments-review");
    assertThat(created.namespace()).isEqualTo("env-payments-review");
    assertThat(created.cluster()).isEqualTo("local");
    assertThat(created.occurredAt()).isEqualTo(result.readyAt());
    assertThat(byId(events, "/extended/2").expiresAt())
        .isEqualTo(created.expiresAt().plus(Duration.ofHours(2)));
    assertThat(byId(events, "/deleted/1").reason()).isEqualTo("destroyed: done");

    Map<String, Payload> memo = memo();
    assertThat(decode(memo.get(RunFacts.READY_AT))).isEqualTo(result.readyAt().toString());
    assertThat(decode(memo.get(RunFacts.EXTENSIONS))).isEqualTo("2");
    assertThat(memo).doesNotContainKey(RunFacts.FAILURE_TYPE);
  }

  @Test
  void givenASinkThatKeepsFailing_whenTheEnvironmentLives_itShouldStillBeReadyAndEndOnTime() {
    when(fixture.events.publish(any())).thenThrow(new IllegalStateException("sink unreachable"));
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    workflow.destroy("done");
    EnvironmentStatus result = result();

    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    verify(fixture.events, atLeastOnce()).publish(any());
  }

  @Test
  void givenNoSinks_whenTheEnvironmentLives_itShouldScheduleNoDelivery() {
    when(fixture.events.sinkCount()).thenReturn(0);
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);
    workflow.destroy("done");
    result();

    verify(fixture.events, never()).publish(any());
  }

  @Test
  void givenAnUnknownCluster_whenProvisioningFails_itShouldRecordTheTypeAndAnnounceNothing() {
    when(fixture.clusters.placeShared(any()))
        .thenThrow(EnvironmentFailure.UNKNOWN_CLUSTER.failure("no shared cluster named 'x'"));
    EnvironmentRequest request =
        new EnvironmentRequest(
            "payments",
            "review",
            ClusterChoice.shared("x"),
            Profile.SMALL,
            DatabaseChoice.none(),
            "PT4H");
    WorkflowClient.start(workflow::run, request);
    assertThatThrownBy(this::result).isInstanceOf(WorkflowFailedException.class);

    verify(fixture.events, never()).publish(any());
    assertThat(decode(memo().get(RunFacts.FAILURE_TYPE)))
        .isEqualTo(EnvironmentFailure.UNKNOWN_CLUSTER.name());
    assertThat(memo()).doesNotContainKey(RunFacts.READY_AT);
  }

  private static final String WORKFLOW_ID = "environment/payments/review";

  private EnvironmentStatus result() {
    return client.newUntypedWorkflowStub(WORKFLOW_ID).getResult(EnvironmentStatus.class);
  }

  private static LifecycleEvent byId(List<LifecycleEvent> events, String suffix) {
    return events.stream().filter(e -> e.id().endsWith(suffix)).findFirst().orElseThrow();
  }

  private List<LifecycleEvent> announced() {
    ArgumentCaptor<LifecycleEvent> captor = ArgumentCaptor.forClass(LifecycleEvent.class);
    verify(fixture.events, atLeastOnce()).publish(captor.capture());
    return captor.getAllValues();
  }

  private Map<String, Payload> memo() {
    return client.fetchHistory(WORKFLOW_ID).getHistory().getEventsList().stream()
        .filter(e -> e.hasWorkflowPropertiesModifiedEventAttributes())
        .reduce((first, last) -> last)
        .map(e -> e.getWorkflowPropertiesModifiedEventAttributes().getUpsertedMemo().getFieldsMap())
        .orElse(Map.of());
  }

  /** A memo value as text. */
  private static String decode(Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
