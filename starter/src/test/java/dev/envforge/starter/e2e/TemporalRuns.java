package dev.envforge.starter.e2e;

import static org.awaitility.Awaitility.await;

import dev.envforge.workflows.quota.TeamQuotaWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks Temporal itself about runs: whether a run has really closed, and how many runs a workflow id
 * has had, which the API does not tell.
 */
public final class TemporalRuns {

  private static final Duration POLL = Duration.ofMillis(250);

  private final WorkflowClient client;

  public TemporalRuns(WorkflowClient client) {
    this.client = client;
  }

  /** Waits, at most {@code patience}, until the run has closed and returns how it closed. */
  WorkflowExecutionStatus awaitClosed(String workflowId, String runId, Duration patience) {
    WorkflowStub run =
        client.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty());
    return await(workflowId + " to close")
        .atMost(patience)
        .pollInterval(POLL)
        .until(
            () -> run.describe().getStatus(),
            status -> status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  /** Every run visibility knows for the workflow id, open or closed. */
  List<WorkflowExecutionMetadata> runsOf(String workflowId) {
    return client.listExecutions("WorkflowId = '" + workflowId + "'").toList();
  }

  /**
   * Terminates the team's open runs, its quota run included; their workers stop at once, leaving
   * what they made. A test team's runs sit on a task queue that no worker polls once the test is
   * over, so nothing else would ever end them.
   */
  public void terminateOpenRunsOf(String team, String why) {
    WorkflowStub quota =
        client.newUntypedWorkflowStub(
            TeamQuotaWorkflow.workflowId(team), Optional.empty(), Optional.empty());
    try {
      if (quota.describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        quota.terminate(why);
      }
    } catch (WorkflowNotFoundException e) {
      // The team never asked for a slot.
    } catch (WorkflowServiceException e) {
      if (!(e.getCause() instanceof StatusRuntimeException status)
          || status.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      // The quota run ended on its own meanwhile.
    }
    client
        .listExecutions("EnvTeam = '" + team + "' AND ExecutionStatus = 'Running'")
        .forEach(
            run ->
                client
                    .newUntypedWorkflowStub(
                        run.getExecution().getWorkflowId(),
                        Optional.of(run.getExecution().getRunId()),
                        Optional.empty())
                    .terminate(why));
  }
}
