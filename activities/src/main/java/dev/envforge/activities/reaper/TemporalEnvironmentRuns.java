package dev.envforge.activities.reaper;

import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.quota.RunningEnvironments;
import dev.envforge.workflows.request.EnvironmentNaming;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** {@link EnvironmentRuns} through the worker's Temporal client. */
public final class TemporalEnvironmentRuns implements EnvironmentRuns {

  /** The environment workflow's type as registered, derived so that a rename cannot drift. */
  static final String ENVIRONMENT_WORKFLOW_TYPE =
      POJOWorkflowInterfaceMetadata.newInstance(EnvironmentWorkflow.class)
          .getWorkflowMethod()
          .orElseThrow()
          .getName();

  private final WorkflowClient client;

  public TemporalEnvironmentRuns(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Describe, not visibility: it answers from the workflow's own state at once, so a run that just
   * started or ended is seen as it is.
   */
  @Override
  public WorkflowState state(String workflowId) {
    if (workflowId == null) {
      return WorkflowState.UNKNOWN;
    }
    try {
      WorkflowExecutionStatus status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          ? WorkflowState.RUNNING
          : WorkflowState.CLOSED;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return WorkflowState.UNKNOWN;
      }
      throw e;
    }
  }

  @Override
  public List<ReadyEnvironment> ready(String taskQueue) {
    String query =
        "WorkflowType = '"
            + ENVIRONMENT_WORKFLOW_TYPE
            + "' AND ExecutionStatus = 'Running' AND TaskQueue = '"
            + quoted(taskQueue)
            + "' AND "
            + EnvironmentSearchAttributes.PHASE.getName()
            // A sleeping environment is as provisioned as a READY one: its namespace must exist.
            + " IN ('"
            + Phase.READY.name()
            + "', '"
            + Phase.SLEEPING.name()
            + "')";
    try (Stream<WorkflowExecutionMetadata> runs = client.listExecutions(query)) {
      return runs.map(TemporalEnvironmentRuns::toReady).toList();
    }
  }

  /** By the team's search attribute, on every task queue: the team's limit counts them all. */
  @Override
  public RunningEnvironments running(String team, int atMost) {
    String query =
        "WorkflowType = '"
            + ENVIRONMENT_WORKFLOW_TYPE
            + "' AND ExecutionStatus = 'Running' AND "
            + EnvironmentSearchAttributes.TEAM.getName()
            + " = '"
            + quoted(team)
            + "'";
    try (Stream<WorkflowExecutionMetadata> runs = client.listExecutions(query)) {
      List<String> ids =
          runs.limit(atMost + 1L)
              .map(run -> environmentId(run.getExecution().getWorkflowId()))
              .filter(Objects::nonNull)
              .toList();
      return ids.size() > atMost
          ? new RunningEnvironments(ids.subList(0, atMost), false)
          : new RunningEnvironments(ids, true);
    }
  }

  /** {@code environment/<team>/<name>} to {@code <team>-<name>}; null for any other id. */
  static String environmentId(String workflowId) {
    String[] parts = workflowId.split("/", -1);
    return parts.length == 3 && parts[0].equals("environment")
        ? EnvironmentNaming.environmentId(parts[1], parts[2])
        : null;
  }

  private static ReadyEnvironment toReady(WorkflowExecutionMetadata run) {
    SearchAttributes attributes = run.getTypedSearchAttributes();
    return new ReadyEnvironment(
        run.getExecution().getWorkflowId(),
        attributes.get(EnvironmentSearchAttributes.TEAM),
        attributes.get(EnvironmentSearchAttributes.NAME),
        attributes.get(EnvironmentSearchAttributes.CLUSTER));
  }

  /** Visibility queries quote with single quotes; the task queue comes from configuration. */
  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("'", "\\'");
  }
}
