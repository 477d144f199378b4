package dev.envforge.workflows.environment;

import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One development environment, from request to teardown. Its workflow id is {@code
 * environment/<team>/<name>}. The run completes when the environment is destroyed and fails (after
 * undoing what it did) when provisioning fails for good.
 */
@WorkflowInterface
public interface EnvironmentWorkflow {

  String TASK_QUEUE = "envforge-environments";

  /** The signal the reaper sends when a live environment's namespace was deleted by hand. */
  String NAMESPACE_LOST = "namespaceLost";

  @WorkflowMethod
  EnvironmentStatus run(EnvironmentRequest request);

  @QueryMethod
  EnvironmentStatus status();

  /** Moves the expiry and re-arms the TTL timer; returns the new expiry's status. */
  @UpdateMethod
  EnvironmentStatus extend(ExtendRequest request);

  @UpdateValidatorMethod(updateName = "extend")
  void validateExtend(ExtendRequest request);

  /** Starts teardown now; returns at once with the DESTROYING status. */
  @UpdateMethod
  EnvironmentStatus destroy(String reason);

  /**
   * The environment's namespace is gone (deleted outside envforge): tear down what is left (the
   * database, role and Secret) and end. A no-op once teardown has begun.
   */
  @SignalMethod(name = NAMESPACE_LOST)
  void namespaceLost(String reason);
}
