package dev.envforge.activities.reaper;

import dev.envforge.workflows.quota.RunningEnvironments;
import java.util.List;

/** What the reaper and the team quota ask Temporal about environment workflows. */
public interface EnvironmentRuns {

  /** The state of the latest run under the workflow id (null id: {@link WorkflowState#UNKNOWN}). */
  WorkflowState state(String workflowId);

  /** Every running environment workflow on the task queue whose phase is READY or SLEEPING. */
  List<ReadyEnvironment> ready(String taskQueue);

  /** The team's running environment workflows by environment id, at most {@code atMost} of them. */
  RunningEnvironments running(String team, int atMost);

  /** A READY environment as its search attributes tell it. */
  record ReadyEnvironment(String workflowId, String team, String name, String cluster) {}
}
