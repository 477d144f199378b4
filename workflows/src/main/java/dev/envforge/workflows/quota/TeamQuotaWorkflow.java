package dev.envforge.workflows.quota;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one place where a team's live environments are counted before a new one starts. Temporal runs
 * a workflow's updates one at a time, so two API replicas asking for the team's last slot at the
 * same moment are answered in turn: the first is granted it, the second is refused. Its workflow id
 * is {@code team-quota/<team>}; the API starts it on demand with update-with-start.
 */
@WorkflowInterface
public interface TeamQuotaWorkflow {

  String WORKFLOW_ID_PREFIX = "team-quota/";

  static String workflowId(String team) {
    return WORKFLOW_ID_PREFIX + team;
  }

  /**
   * Serves reservations until it has been idle for a while, then ends: reservations older than the
   * grace period are known from visibility again, so nothing is lost.
   */
  @WorkflowMethod
  void run(TeamQuotaState state);

  @UpdateMethod
  Reservation reserve(ReservationRequest request);

  @UpdateValidatorMethod(updateName = "reserve")
  void validateReserve(ReservationRequest request);
}
