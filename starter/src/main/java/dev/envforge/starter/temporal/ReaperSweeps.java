package dev.envforge.starter.temporal;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.workflows.reaper.ReaperWorkflow;
import dev.envforge.workflows.reaper.SweepReport;
import dev.envforge.workflows.reaper.SweepRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The reaper as the API sees it: the report of the last completed sweep, read from Temporal
 * (scheduled and manual sweeps alike), and starting a sweep now.
 */
@Component
public class ReaperSweeps {

  /** Ids of sweeps started through the API; scheduled ones start with the schedule's id. */
  static final String MANUAL_ID_PREFIX = "envforge-reaper/manual-";

  private static final Duration RESULT_PATIENCE = Duration.ofSeconds(10);

  private final WorkflowClient client;
  private final EnvforgeProperties properties;

  public ReaperSweeps(WorkflowClient client, EnvforgeProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /** A completed sweep and its report. */
  public record CompletedSweep(
      String workflowId, String runId, Instant closedAt, SweepReport report) {}

  /** A sweep just started. */
  public record StartedSweep(String workflowId, String runId) {}

  /**
   * The most recently closed successful sweep on the worker's task queue. Visibility lists closed
   * runs newest first.
   */
  public CompletedSweep last() {
    String query =
        "WorkflowType = '"
            + WorkflowTypes.REAPER
            + "' AND ExecutionStatus = 'Completed' AND TaskQueue = '"
            + properties.taskQueue().replace("'", "\\'")
            + "'";
    Optional<WorkflowExecutionMetadata> latest =
        TemporalFailures.translated(
            () -> {
              try (Stream<WorkflowExecutionMetadata> runs = client.listExecutions(query)) {
                return runs.findFirst();
              }
            });
    WorkflowExecutionMetadata run = latest.orElseThrow(NoSweepYetException::new);
    WorkflowExecution execution = run.getExecution();
    SweepReport report =
        TemporalFailures.translated(
            () -> {
              try {
                return client
                    .newUntypedWorkflowStub(
                        execution.getWorkflowId(),
                        Optional.of(execution.getRunId()),
                        Optional.empty())
                    .getResult(
                        RESULT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS, SweepReport.class);
              } catch (TimeoutException e) {
                throw new IllegalStateException(
                    "the result of completed sweep " + execution.getWorkflowId() + " did not load",
                    e);
              }
            });
    return new CompletedSweep(
        execution.getWorkflowId(), execution.getRunId(), run.getCloseTime(), report);
  }

  /**
   * Starts a sweep on the worker's task queue. Overlapping sweeps are safe: each namespace's
   * teardown has one workflow id, so a second sweep finds it taken.
   *
   * @param dryRun null: as the worker is configured
   */
  public StartedSweep start(Boolean dryRun) {
    String workflowId = MANUAL_ID_PREFIX + UUID.randomUUID();
    ReaperWorkflow sweep =
        client.newWorkflowStub(
            ReaperWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(properties.taskQueue())
                .build());
    WorkflowExecution started =
        TemporalFailures.translated(
            () -> WorkflowClient.start(sweep::sweep, new SweepRequest(dryRun)));
    return new StartedSweep(started.getWorkflowId(), started.getRunId());
  }
}
