package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.quota.Reservation;
import dev.envforge.workflows.quota.ReservationRequest;
import dev.envforge.workflows.quota.RunningEnvironments;
import dev.envforge.workflows.quota.TeamQuotaActivities;
import dev.envforge.workflows.quota.TeamQuotaState;
import dev.envforge.workflows.quota.TeamQuotaWorkflow;
import dev.envforge.workflows.quota.TeamQuotaWorkflowImpl;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An environment that ends, however it ends, frees its slot in the team's quota at once: the quota
 * workflow lists visibility only for its first answer, never for the release.
 */
class EnvironmentQuotaReleaseTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = EnvironmentFixture.temporalExtension();

  private final TeamQuotaActivities visibility =
      mock(TeamQuotaActivities.class, withSettings().withoutAnnotations());
  private EnvironmentFixture fixture;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;
  private EnvironmentWorkflow workflow;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    this.client = client;
    taskQueue = worker.getTaskQueue();
    when(visibility.runningEnvironments(anyString()))
        .thenReturn(new RunningEnvironments(List.of(), true));
    worker.registerWorkflowImplementationTypes(TeamQuotaWorkflowImpl.class);
    worker.registerActivitiesImplementations(visibility);
    fixture = new EnvironmentFixture();
    workflow = fixture.start(env, worker, client);
  }

  @Test
  void givenTheTeamAtItsLimit_whenItsEnvironmentIsDestroyed_itShouldFreeTheSlot() {
    // Visibility lists the environment as running until it has ended, so a reconciliation that
    // time skipping lets happen meanwhile keeps the slot taken: only the release can free it.
    AtomicBoolean ended = new AtomicBoolean();
    when(visibility.runningEnvironments("payments"))
        .thenAnswer(
            call ->
                new RunningEnvironments(
                    ended.get() ? List.of() : List.of("payments-review"), true));
    assertThat(reserve("payments-review").granted()).isTrue();
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    EnvironmentFixture.awaitPhase(env, workflow, Phase.READY);
    assertThat(reserve("payments-other").granted()).isFalse();

    workflow.destroy("done");
    result();
    ended.set(true);
    int listingsAtTheEnd = mockingDetails(visibility).getInvocations().size();

    assertThat(reserve("payments-other").granted()).isTrue();
    assertThat(mockingDetails(visibility).getInvocations()).hasSize(listingsAtTheEnd);
  }

  @Test
  void givenTheTeamAtItsLimit_whenItsEnvironmentExpires_itShouldFreeTheSlot() {
    assertThat(reserve("payments-review").granted()).isTrue();
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT1H"));

    result();

    assertThat(reserve("payments-other").granted()).isTrue();
  }

  @Test
  void givenTheTeamAtItsLimit_whenItsEnvironmentFailsAndCompensates_itShouldFreeTheSlot() {
    assertThat(reserve("payments-review").granted()).isTrue();
    doThrow(EnvironmentFailure.FORBIDDEN.failure("refused by the platform"))
        .when(fixture.namespaces)
        .ensureNamespace(any());
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));

    assertThatThrownBy(this::result).isInstanceOf(WorkflowFailedException.class);

    assertThat(reserve("payments-other").granted()).isTrue();
    verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenTheTeamAtItsLimit_whenItsEnvironmentIsRefusedAsInvalid_itShouldFreeTheSlot() {
    assertThat(reserve("payments-review").granted()).isTrue();
    EnvironmentRequest beyondTheMaximum =
        new EnvironmentRequest(
            "payments",
            "review",
            ClusterChoice.sharedDefault(),
            null,
            DatabaseChoice.none(),
            "P30D");
    WorkflowClient.start(workflow::run, beyondTheMaximum);

    assertThatThrownBy(this::result).isInstanceOf(WorkflowFailedException.class);

    assertThat(reserve("payments-other").granted()).isTrue();
  }

  @Test
  void givenTheTeamAtItsLimit_whenItsNamespaceIsLost_itShouldFreeTheSlot() {
    assertThat(reserve("payments-review").granted()).isTrue();
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("P2D"));
    EnvironmentFixture.awaitPhase(env, workflow, Phase.READY);

    workflow.namespaceLost("namespace env-payments-review was deleted outside envforge");
    result();

    assertThat(reserve("payments-other").granted()).isTrue();
  }

  @Test
  void givenNoQuotaRun_whenTheEnvironmentEnds_itShouldEndDestroyedAllTheSame() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    EnvironmentFixture.awaitPhase(env, workflow, Phase.READY);

    workflow.destroy("done");

    assertThat(result().phase()).isEqualTo(Phase.DESTROYED);
    assertThat(
            client.fetchHistory("environment/payments/review").getEvents().stream()
                .map(event -> event.getEventType())
                .toList())
        .contains(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED);
  }

  private EnvironmentStatus result() {
    return client
        .newUntypedWorkflowStub("environment/payments/review")
        .getResult(EnvironmentStatus.class);
  }

  private Reservation reserve(String environmentId) {
    TeamQuotaWorkflow quota =
        client.newWorkflowStub(
            TeamQuotaWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TeamQuotaWorkflow.workflowId("payments"))
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return WorkflowClient.executeUpdateWithStart(
        quota::reserve,
        ReservationRequest.of(environmentId, 1),
        UpdateOptions.<Reservation>newBuilder().build(),
        new WithStartWorkflowOperation<>(quota::run, TeamQuotaState.empty()));
  }
}
