package dev.envforge.starter.e2e;

import static org.awaitility.Awaitility.await;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
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

  /** Terminates the team's open runs; their workers stop at once, leaving what they made. */
  public void terminateOpenRunsOf(String team, String why) {
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
