package dev.envforge.workflows.quota;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Frees an environment's slot in its team's quota when the environment's run ends, however it ends:
 * destroyed, expired, failed and compensated, refused as invalid, torn down after its namespace was
 * lost, or cancelled. Only a run terminated from outside cannot tell; the quota workflow's
 * reconciliation with visibility heals that.
 */
public final class QuotaRelease {

  /**
   * Change id: an ending environment signals its team's quota (version 1). Runs recorded before
   * replay without the signal.
   */
  public static final String CHANGE_ID = "quota-release";

  private static final Logger log = Workflow.getLogger(QuotaRelease.class);

  private QuotaRelease() {}

  /**
   * Runs the environment's whole life and then releases its slot, whether the life returned or
   * threw. Errors that destroy the workflow thread (eviction from the cache) are not caught: the
   * run has not ended then.
   */
  public static <T> T whenEnded(String team, String environmentId, Supplier<T> life) {
    T result;
    try {
      result = life.get();
    } catch (RuntimeException e) {
      release(team, environmentId);
      throw e;
    }
    release(team, environmentId);
    return result;
  }

  /**
   * Waits until the signal is delivered: a run that completed in the same task could lose it. In a
   * detached scope, so a cancelled run still sends it. A quota run that is not running (it ended
   * idle, with this environment no longer counted) fails the signal harmlessly.
   */
  static void release(String team, String environmentId) {
    if (team == null || team.isBlank() || environmentId == null) {
      return;
    }
    Workflow.newDetachedCancellationScope(
            () -> {
              if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1)
                  == Workflow.DEFAULT_VERSION) {
                return;
              }
              TeamQuotaWorkflow quota =
                  Workflow.newExternalWorkflowStub(
                      TeamQuotaWorkflow.class, TeamQuotaWorkflow.workflowId(team));
              try {
                quota.release(environmentId);
              } catch (ApplicationFailure | SignalExternalWorkflowException e) {
                // The SDK reports a failed signal (no such run, most often) as either.
                log.info(
                    "could not release {} from the quota of team {}: {}",
                    environmentId,
                    team,
                    e.getMessage());
              }
            })
        .run();
  }
}
