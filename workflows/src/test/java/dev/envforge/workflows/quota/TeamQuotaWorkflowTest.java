package dev.envforge.workflows.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reservations of a team's slots, as the API makes them: update-with-start. */
class TeamQuotaWorkflowTest {

  private static final String TEAM = "payments";

  @RegisterExtension
  final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(TeamQuotaWorkflowImpl.class)
          .build();

  private static Reservation reserve(
      WorkflowClient client, String taskQueue, String environmentId, int limit, List<String> live) {
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
        new ReservationRequest(environmentId, limit, live, true),
        UpdateOptions.<Reservation>newBuilder().build(),
        new WithStartWorkflowOperation<>(quota::run, TeamQuotaState.empty()));
  }

  @Test
  void givenOneSlotLeft_whenTwoRequestsRaceForIt_itShouldGrantExactlyOne(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
    String taskQueue = worker.getTaskQueue();
    assertThat(reserve(client, taskQueue, "payments-a", 2, List.of()).granted()).isTrue();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Reservation>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "payments-race-" + i;
      Callable<Reservation> call = () -> reserve(client, taskQueue, id, 2, List.of());
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
  void givenALiveEnvironment_whenRequestedAgain_itShouldTakeNoSecondSlot(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String taskQueue = worker.getTaskQueue();

    Reservation again = reserve(client, taskQueue, "payments-a", 1, List.of("payments-a"));

    assertThat(again.granted()).isTrue();
    assertThat(again.live()).isEqualTo(1);
    assertThat(reserve(client, taskQueue, "payments-b", 1, List.of("payments-a")).granted())
        .isFalse();
  }

  @Test
  void givenAReservedEnvironmentThatEnded_whenTheGracePassed_itShouldFreeItsSlot(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String taskQueue = worker.getTaskQueue();
    assertThat(reserve(client, taskQueue, "payments-a", 1, List.of()).granted()).isTrue();

    // Within the grace the slot stays taken even though visibility does not list it yet.
    Reservation early = reserve(client, taskQueue, "payments-b", 1, List.of());
    env.sleep(TeamQuotaWorkflowImpl.GRACE.plusSeconds(1));
    Reservation late = reserve(client, taskQueue, "payments-b", 1, List.of());

    assertThat(early.granted()).isFalse();
    assertThat(early.live()).isEqualTo(1);
    assertThat(late.granted()).isTrue();
  }

  @Test
  void givenNoReservations_whenIdleLongEnough_itShouldEnd(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String taskQueue = worker.getTaskQueue();
    reserve(client, taskQueue, "payments-a", 1, List.of());

    env.sleep(TeamQuotaWorkflowImpl.IDLE_END.plus(Duration.ofMinutes(1)));

    assertThat(
            client
                .newUntypedWorkflowStub(TeamQuotaWorkflow.workflowId(TEAM))
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }
}
