package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behaviour: which calls of a new run are local activities (markers in the history, no activity
 * tasks) and which stay regular activities, and how few workflow tasks a provisioning costs.
 */
class LocalActivitiesTest {

  private static final String WORKFLOW_ID = "environment/payments/review";

  @RegisterExtension
  static final TestWorkflowExtension temporal = EnvironmentFixture.temporalExtension();

  private EnvironmentFixture fixture;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EnvironmentWorkflow workflow;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    this.client = client;
    fixture = new EnvironmentFixture();
    // No sinks: announcing a change then costs a local activity and no activity task.
    when(fixture.events.sinkCount()).thenReturn(0);
    workflow = fixture.start(env, worker, client);
  }

  @Test
  void givenANewRun_whenProvisionedOnASharedCluster_itShouldRunEveryStepLocallyInOneOrTwoTasks() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    EnvironmentFixture.awaitPhase(env, workflow, Phase.READY);

    List<HistoryEvent> history = history();
    assertThat(scheduledActivities(history)).isEmpty();
    assertThat(versionMarkers(history))
        .containsExactly(
            LifecycleEvents.LIFECYCLE_EVENTS,
            EnvironmentWorkflowImpl.ARGOCD_REGISTRATION,
            EnvironmentWorkflowImpl.DAPR_COMPONENTS,
            ProvisioningSteps.LOCAL_ACTIVITIES,
            AccessGrants.ACCESS_ACCOUNT);
    // Five version markers; the settings, the cluster, the namespace, the guardrails, the
    // database, the Dapr components, the Argo CD registration, the developers' ServiceAccount, and
    // the sinks asked for before announcing READY.
    assertThat(count(history, EventType.EVENT_TYPE_MARKER_RECORDED)).isEqualTo(5 + 9);
    assertThat(count(history, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isBetween(1L, 2L);
    assertThat(workflow.status().steps())
        .allSatisfy(
            step -> {
              assertThat(step.status()).isEqualTo(StepStatus.DONE);
              assertThat(step.attempts()).isEqualTo(1);
              assertThat(step.startedAt()).isNotNull();
              assertThat(step.endedAt()).isNotNull();
            });
  }

  @Test
  void givenANewRun_whenDestroyed_itShouldDropTheDatabaseLocallyAndAwaitTheNamespaceAsAnActivity() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    EnvironmentFixture.awaitPhase(env, workflow, Phase.READY);

    workflow.destroy("done");
    client.newUntypedWorkflowStub(WORKFLOW_ID).getResult(EnvironmentStatus.class);

    assertThat(scheduledActivities(history())).containsExactly("DeleteNamespace");
    verify(fixture.postgres).dropDatabase(any());
    verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenANewRun_whenADedicatedClusterIsMade_itShouldWaitForItInARegularActivity() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.dedicatedWithPostgres("PT4H"));
    EnvironmentFixture.awaitPhase(env, workflow, Phase.READY);

    assertThat(scheduledActivities(history())).containsExactly("EnsureDedicatedCluster");
    verify(fixture.namespaces).ensureNamespace(any());
    verify(fixture.postgres).ensureDatabase(any());
  }

  private List<HistoryEvent> history() {
    return client.fetchHistory(WORKFLOW_ID).getHistory().getEventsList();
  }

  private static List<String> scheduledActivities(List<HistoryEvent> history) {
    return history.stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  /** The change ids of the version markers (the details' "changeId" payload). */
  private static List<String> versionMarkers(List<HistoryEvent> history) {
    return history.stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(HistoryEvent::getMarkerRecordedEventAttributes)
        .filter(marker -> marker.getMarkerName().equals("Version"))
        .map(
            marker ->
                marker
                    .getDetailsOrThrow("changeId")
                    .getPayloads(0)
                    .getData()
                    .toStringUtf8()
                    .replace("\"", ""))
        .toList();
  }

  private static long count(List<HistoryEvent> history, EventType type) {
    return history.stream().filter(e -> e.getEventType() == type).count();
  }
}
