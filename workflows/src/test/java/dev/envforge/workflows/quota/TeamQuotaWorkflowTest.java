package dev.envforge.workflows.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reservations of a team's slots, as the API makes them (update-with-start), releases as ending
 * environments send them, and reconciliation with a mocked visibility listing.
 */
class TeamQuotaWorkflowTest {

  private static final String TEAM = "payments";
  private static final RunningEnvironments NONE = new RunningEnvironments(List.of(), true);

  @RegisterExtension
  final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(TeamQuotaWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final TeamQuotaActivities visibility =
      mock(TeamQuotaActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    taskQueue = worker.getTaskQueue();
    when(visibility.runningEnvironments(anyString())).thenReturn(NONE);
    worker.registerActivitiesImplementations(visibility);
    env.start();
  }

  private Reservation reserve(String environmentId, int limit) {
    return reserve(ReservationRequest.of(environmentId, limit));
  }

  private Reservation reserve(ReservationRequest request) {
    TeamQuotaWorkflow quota =
        client.newWorkflowStub(
            TeamQuotaWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TeamQuotaWorkflow.workflowId(TEAM))
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return WorkflowClient.executeUpdateWithStart(
        quota::reserve,
        request,
        UpdateOptions.<Reservation>newBuilder().build(),
        new WithStartWorkflowOperation<>(quota::run, TeamQuotaState.empty()));
  }

  private void release(String environmentId) {
    client
        .newWorkflowStub(TeamQuotaWorkflow.class, TeamQuotaWorkflow.workflowId(TEAM))
        .release(environmentId);
  }

  private WorkflowExecutionStatus status() {
    return client.newUntypedWorkflowStub(TeamQuotaWorkflow.workflowId(TEAM)).describe().getStatus();
  }

  @Test
  void givenOneSlotLeft_whenTwoRequestsRaceForIt_itShouldGrantExactlyOne() throws Exception {
    assertThat(reserve("payments-a", 2).granted()).isTrue();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Reservation>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "payments-race-" + i;
      Callable<Reservation> call = () -> reserve(id, 2);
      answers.add(pool.submit(call));
    }
    int granted = 0;
    for (Future<Reservation> answer : answers) {
      Reservation reservation = answer.get();
      granted += reservation.granted() ? 1 : 0;
      assertThat(reservation.limit()).isEqualTo(2);
    }
    pool.shutdown();

    assertThat(granted).isEqualTo(1);
  }

  @Test
  void givenAFreshRunAndTheLastSlotRacedFor_whenTheFirstListingIsSlow_itShouldGrantExactlyOne()
      throws Exception {
    when(visibility.runningEnvironments(TEAM))
        .thenAnswer(
            call -> {
              Thread.sleep(500);
              return new RunningEnvironments(List.of("payments-running"), true);
            });

    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Reservation>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = "payments-race-" + i;
      answers.add(pool.submit(() -> reserve(id, 2)));
    }
    int granted = 0;
    for (Future<Reservation> answer : answers) {
      granted += answer.get().granted() ? 1 : 0;
    }
    pool.shutdown();

    assertThat(granted).as("one slot besides the running environment").isEqualTo(1);
    verify(visibility, times(1)).runningEnvironments(TEAM);
  }

  @Test
  void givenAReservedEnvironment_whenRequestedAgain_itShouldTakeNoSecondSlot() {
    assertThat(reserve("payments-a", 1).granted()).isTrue();

    Reservation again = reserve("payments-a", 1);

    assertThat(again.granted()).isTrue();
    assertThat(again.live()).isEqualTo(1);
    assertThat(reserve("payments-b", 1).granted()).isFalse();
  }

  @Test
  void givenAnApiThatStillLists_whenItReserves_itShouldBeJudgedByTheSetAlone() {
    assertThat(reserve("payments-a", 1).granted()).isTrue();

    // The listing (a rolling upgrade's older API) neither frees nor takes a slot.
    Reservation listed = reserve(new ReservationRequest("payments-b", 1, List.of(), true));
    release("payments-a");
    Reservation afterRelease =
        reserve(new ReservationRequest("payments-b", 1, List.of("payments-x"), true));

    assertThat(listed.granted()).isFalse();
    assertThat(afterRelease.granted()).isTrue();
    assertThat(afterRelease.live()).isEqualTo(1);
  }

  @Test
  void givenTheTeamAtItsLimit_whenAnEnvironmentEnds_itShouldFreeItsSlotWithoutAnotherListing() {
    assertThat(reserve("payments-a", 1).granted()).isTrue();
    assertThat(reserve("payments-b", 1).granted()).isFalse();

    release("payments-a");
    Reservation after = reserve("payments-b", 1);

    assertThat(after.granted()).isTrue();
    assertThat(after.live()).isEqualTo(1);
    verify(visibility, times(1)).runningEnvironments(TEAM);
  }

  @Test
  void givenEnvironmentsRunningBeforeTheRunStarted_whenFirstReserved_itShouldCountThem() {
    when(visibility.runningEnvironments(TEAM))
        .thenReturn(new RunningEnvironments(List.of("payments-x", "payments-y"), true));

    Reservation refused = reserve("payments-z", 2);
    Reservation again = reserve("payments-x", 2);

    assertThat(refused.granted()).isFalse();
    assertThat(refused.live()).isEqualTo(2);
    assertThat(again.granted()).as("an environment found running is already counted").isTrue();
  }

  @Test
  void givenAReleaseThatNeverCame_whenReconciled_itShouldFreeTheSlot() {
    // payments-a is found running at first; later its run is terminated from outside, so its
    // workflow never sends the release, and visibility lists only payments-c.
    when(visibility.runningEnvironments(TEAM))
        .thenReturn(new RunningEnvironments(List.of("payments-a"), true))
        .thenReturn(new RunningEnvironments(List.of("payments-c"), true));
    assertThat(reserve("payments-c", 2).granted()).isTrue();
    assertThat(reserve("payments-b", 2).granted()).isFalse();
    String run = currentRunId();

    env.sleep(TeamQuotaWorkflowImpl.RECONCILE_EVERY.plusSeconds(10));
    Reservation healed = reserve("payments-b", 2);

    assertThat(healed.granted()).isTrue();
    assertThat(healed.live()).isEqualTo(2);
    assertThat(currentRunId()).isEqualTo(run);
    verify(visibility, times(2)).runningEnvironments(TEAM);
  }

  @Test
  void givenAFreshReservationNotYetVisible_whenReconciled_itShouldKeepItsSlot() {
    reserve("payments-early", 5);
    release("payments-early");
    env.sleep(TeamQuotaWorkflowImpl.RECONCILE_EVERY.minus(Duration.ofMinutes(1)));
    assertThat(reserve("payments-a", 1).granted()).isTrue();

    // The next listing, within payments-a's grace, does not show it yet: its slot stays taken.
    env.sleep(Duration.ofMinutes(2));

    assertThat(reserve("payments-b", 1).granted()).isFalse();
    verify(visibility, times(2)).runningEnvironments(TEAM);
  }

  @Test
  void givenALongLivedRun_whenItContinuesAsNew_itShouldKeepItsSet() {
    assertThat(reserve("payments-a", 2).granted()).isTrue();
    assertThat(reserve("payments-b", 2).granted()).isTrue();
    String firstRun = currentRunId();

    // Releases of environments it never counted are cheap messages that still fill the history.
    for (int i = 0; i < TeamQuotaWorkflowImpl.UPDATES_PER_RUN; i++) {
      release("payments-unknown-" + i);
    }
    awaitStatusOf(firstRun, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    Reservation refused = reserve("payments-c", 2);
    release("payments-a");
    Reservation granted = reserve("payments-c", 2);

    assertThat(refused.granted()).as("the new run still counts a and b").isFalse();
    assertThat(refused.live()).isEqualTo(2);
    assertThat(granted.granted()).isTrue();
    assertThat(currentRunId()).isNotEqualTo(firstRun);
    verify(visibility, times(1)).runningEnvironments(TEAM);
  }

  private String currentRunId() {
    return client
        .newUntypedWorkflowStub(TeamQuotaWorkflow.workflowId(TEAM))
        .describe()
        .getExecution()
        .getRunId();
  }

  private void awaitStatusOf(String runId, WorkflowExecutionStatus expected) {
    WorkflowStub run =
        client.newUntypedWorkflowStub(
            TeamQuotaWorkflow.workflowId(TEAM), Optional.of(runId), Optional.empty());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (run.describe().getStatus() != expected) {
      assertThat(System.nanoTime())
          .as("run %s never became %s", runId, expected)
          .isLessThan(deadline);
      env.sleep(Duration.ofMillis(200));
    }
  }

  @Test
  void givenManyRequests_whenServed_itShouldArmNoTimerPerRequest() {
    for (int i = 0; i < 10; i++) {
      reserve("payments-" + i, 20);
    }
    release("payments-0");

    long timers =
        client.fetchHistory(TeamQuotaWorkflow.workflowId(TEAM)).getEvents().stream()
            .filter(event -> event.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
            .count();

    // The set turned non-empty once (a timer each side of that); eleven messages armed none.
    assertThat(timers).isLessThanOrEqualTo(2);
  }

  @Test
  void givenLiveEnvironments_whenIdleLongerThanTheIdleEnd_itShouldKeepRunning() {
    reserve("payments-a", 1);

    env.sleep(TeamQuotaWorkflowImpl.IDLE_END.plus(Duration.ofMinutes(1)));

    assertThat(status()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void givenNoLiveEnvironments_whenIdleLongEnough_itShouldEnd() {
    reserve("payments-a", 1);
    release("payments-a");

    env.sleep(TeamQuotaWorkflowImpl.IDLE_END.plus(Duration.ofMinutes(1)));

    assertThat(status()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }
}
