package dev.envforge.workflows.environment;

import dev.envforge.workflows.access.AccessRequest;
import dev.envforge.workflows.access.GrantedAccess;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;

/**
 * Developers' access to an environment, as updates on its workflow ({@code
 * environment/<team>/<name>}). An interface of its own beside {@link EnvironmentWorkflow}, which
 * the same implementation serves: callers that only hand out access need no more of the workflow.
 */
@WorkflowInterface
public interface EnvironmentAccessWorkflow {

  /**
   * Mints a developer's token for the namespace of a READY environment, sealed to the request's
   * one-time key; its lifetime is capped by the environment's expiry.
   */
  @UpdateMethod
  GrantedAccess grantAccess(AccessRequest request);

  @UpdateValidatorMethod(updateName = "grantAccess")
  void validateGrantAccess(AccessRequest request);

  /** Ends one grant's token; the grant leaves the status. */
  @UpdateMethod
  EnvironmentStatus revokeAccess(String grantId);

  @UpdateValidatorMethod(updateName = "revokeAccess")
  void validateRevokeAccess(String grantId);
}
