package dev.envforge.workflows.quota;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one place where a team's live environments are counted before a new one starts. Temporal runs
 * a workflow's updates one at a time, so two API replicas asking for the team's last slot at the
 * same moment are answered in turn: the first is granted it, the second is refused. Its workflow id
 * is {@code team-quota/<team>}; the API starts it on demand with update-with-start.
 *
 * <p>It holds the team's live set itself: a granted reservation adds the environment, the
 * environment's workflow sends {@link #release} when it ends, and a periodic comparison with
 * visibility heals what no one told it (a run terminated from outside, a release that was lost).
 */
@WorkflowInterface
public interface TeamQuotaWorkflow {

  String WORKFLOW_ID_PREFIX = "team-quota/";

  static String workflowId(String team) {
    return WORKFLOW_ID_PREFIX + team;
  }

  /** The team whose quota the workflow id {@code team-quota/<team>} counts. */
  static String teamOf(String workflowId) {
    return workflowId.startsWith(WORKFLOW_ID_PREFIX)
        ? workflowId.substring(WORKFLOW_ID_PREFIX.length())
        : workflowId;
  }

  /**
   * Serves reservations and releases while the team has live environments, continuing as new with
   * its set when the history grows; ends once the set is empty and nothing happened for a while.
   */
  @WorkflowMethod
  void run(TeamQuotaState state);

  @UpdateMethod
  Reservation reserve(ReservationRequest request);

  @UpdateValidatorMethod(updateName = "reserve")
  void validateReserve(ReservationRequest request);

  /** The environment has ended (destroyed, expired, failed): its slot is free. */
  @SignalMethod
  void release(String environmentId);
}
