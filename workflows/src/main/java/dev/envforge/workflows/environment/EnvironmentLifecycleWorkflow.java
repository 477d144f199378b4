package dev.envforge.workflows.environment;

import dev.envforge.workflows.lifecycle.ApprovalDecision;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;

/**
 * The approval gate and sleep of an environment, as updates on its workflow ({@code
 * environment/<team>/<name>}); served by the same implementation as {@link EnvironmentWorkflow}.
 *
 * <p>Who may approve for a team is the API's decision (it knows the caller); the validators here
 * check what only the run knows: its phase and who asked for it.
 */
@WorkflowInterface
public interface EnvironmentLifecycleWorkflow {

  /**
   * The memo key under which the API records who asked for the environment when it starts the run;
   * the approval gate refuses that caller as approver unless the policy allows self-approval.
   */
  String REQUESTED_BY_MEMO = "requestedBy";

  /** Lets an environment that waits for approval go on to provisioning. */
  @UpdateMethod
  EnvironmentStatus approve(ApprovalDecision decision);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(ApprovalDecision decision);

  /** Ends an environment that waits for approval as REJECTED, with the approver's reason. */
  @UpdateMethod
  EnvironmentStatus reject(ApprovalDecision decision);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(ApprovalDecision decision);

  /**
   * Scales every Deployment and StatefulSet of a READY environment to zero; SLEEPING already is an
   * answer, not an error.
   *
   * @param by who asked, for the status and the notification
   */
  @UpdateMethod
  EnvironmentStatus sleep(String by);

  @UpdateValidatorMethod(updateName = "sleep")
  void validateSleep(String by);

  /** Restores the replica counts sleep recorded; READY already is an answer, not an error. */
  @UpdateMethod
  EnvironmentStatus wake(String by);

  @UpdateValidatorMethod(updateName = "wake")
  void validateWake(String by);
}
