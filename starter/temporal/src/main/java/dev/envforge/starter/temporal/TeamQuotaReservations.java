package dev.envforge.starter.temporal;

import dev.envforge.workflows.quota.Reservation;
import dev.envforge.workflows.quota.ReservationRequest;
import dev.envforge.workflows.quota.TeamQuotaState;
import dev.envforge.workflows.quota.TeamQuotaWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The teams' quota workflows: asks one for a slot, starting it if it is not running. The workflow
 * answers updates one at a time, which is what makes a limit hold across API replicas.
 */
@Component
public class TeamQuotaReservations {

  private static final Logger log = LoggerFactory.getLogger(TeamQuotaReservations.class);

  private final WorkflowClient client;
  private final TemporalCallSettings properties;
  private final CallDeadlines deadlines;

  public TeamQuotaReservations(
      WorkflowClient client, TemporalCallSettings properties, CallDeadlines deadlines) {
    this.client = client;
    this.properties = properties;
    this.deadlines = deadlines;
  }

  public Reservation reserve(String team, ReservationRequest request) {
    TeamQuotaWorkflow quota =
        client.newWorkflowStub(
            TeamQuotaWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TeamQuotaWorkflow.workflowId(team))
                .setTaskQueue(properties.taskQueue())
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    Supplier<Reservation> call =
        () ->
            deadlines.within(
                properties.updateTimeout(),
                () ->
                    WorkflowClient.executeUpdateWithStart(
                        quota::reserve,
                        request,
                        UpdateOptions.<Reservation>newBuilder().build(),
                        new WithStartWorkflowOperation<>(quota::run, TeamQuotaState.empty())));
    try {
      return TemporalFailures.translated(call);
    } catch (TemporalUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      // An idle quota run may end just as the update reaches it; the next try starts a new one.
      log.info("reserving a slot of team {} failed once, trying again: {}", team, e.toString());
      return TemporalFailures.translated(call);
    }
  }
}
