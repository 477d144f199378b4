package dev.envforge.starter.temporal;

import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.environment.Phase;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;

/** What describe and visibility both say of an environment's run. */
final class RunMetadata {

  private RunMetadata() {}

  /** Whether the run is still running; DESTROYED and FAILED runs are closed. */
  static boolean open(WorkflowExecutionMetadata run) {
    return run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** The phase search attribute; null if unset or not a phase this API knows. */
  static Phase phase(WorkflowExecutionMetadata run) {
    String name = run.getTypedSearchAttributes().get(EnvironmentSearchAttributes.PHASE);
    if (name == null) {
      return null;
    }
    try {
      return Phase.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
