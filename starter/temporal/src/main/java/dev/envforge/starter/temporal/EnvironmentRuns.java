package dev.envforge.starter.temporal;

import dev.envforge.workflows.environment.EnvironmentLifecycleWorkflow;
import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentSummary;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.QueryRejectCondition;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The environment workflows' runs: start one, read what it was started with, describe the latest,
 * and call its status query and its extend and destroy updates through the typed workflow
 * interface. Remembers the runs it has seen open (see {@link OpenRuns}), so that callers can reach
 * an environment's current run without describing it first.
 */
@Component
public class EnvironmentRuns {

  private static final Logger log = LoggerFactory.getLogger(EnvironmentRuns.class);

  /** As many runs as the time-to-ready recorder remembers; each costs a few dozen bytes. */
  private static final int REMEMBERED_OPEN_RUNS = 10_000;

  /**
   * How long a closed run's query may wait for a worker before its history answers instead; a
   * worker that is there replays a run in well under this.
   */
  private static final Duration CLOSED_RUN_QUERY_PATIENCE = Duration.ofSeconds(2);

  private final WorkflowClient client;

  /**
   * The same client, but its queries are refused by the server itself once a run has closed, rather
   * than handed to a worker to replay the run.
   */
  private final WorkflowClient openRunsOnly;

  /** The phases of a run that stays open for a while, worth remembering. */
  private static final Set<Phase> OPEN_PHASES =
      EnumSet.of(Phase.AWAITING_APPROVAL, Phase.PROVISIONING, Phase.READY, Phase.SLEEPING);

  private final TemporalCallSettings properties;
  private final CallDeadlines deadlines;
  private final ClosedRunHistory history;
  private final OpenRuns openRuns = new OpenRuns(REMEMBERED_OPEN_RUNS);

  public EnvironmentRuns(
      WorkflowClient client, TemporalCallSettings properties, CallDeadlines deadlines) {
    this.client = client;
    this.openRunsOnly =
        WorkflowClient.newInstance(
            client.getWorkflowServiceStubs(),
            client.getOptions().toBuilder()
                .setQueryRejectCondition(QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_OPEN)
                .build());
    this.properties = properties;
    this.deadlines = deadlines;
    this.history = new ClosedRunHistory(client);
  }

  /** Whether {@link #start} made a new run, and which run holds the workflow id now. */
  public record StartResult(String runId, boolean started) {}

  /**
   * One run of an environment's workflow, as describe knows it.
   *
   * @param completed the run has closed by returning its final status (it was destroyed), which can
   *     then be read without a worker
   */
  public record RunDescription(
      String workflowId, String runId, boolean open, boolean completed, Phase phase) {}

  /**
   * Starts the environment's workflow unless a run with its id is open; a closed run (destroyed,
   * failed) does not stand in the way of a new one.
   */
  public StartResult start(EnvironmentRequest request) {
    return start(request, null);
  }

  /**
   * As {@link #start(EnvironmentRequest)}, recording who asked in the run's memo: the approval gate
   * refuses that caller as approver unless the policy allows it.
   */
  public StartResult start(EnvironmentRequest request, String requestedBy) {
    WorkflowOptions.Builder builder =
        WorkflowOptions.newBuilder()
            .setWorkflowId(EnvironmentNaming.workflowId(request.team(), request.name()))
            .setTaskQueue(properties.taskQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            // Set at start so that visibility finds the run before its first workflow task.
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(EnvironmentSearchAttributes.TEAM, request.team())
                    .set(EnvironmentSearchAttributes.NAME, request.name())
                    .set(EnvironmentSearchAttributes.PHASE, Phase.PROVISIONING.name())
                    .build())
            .setStaticSummary(EnvironmentSummary.of(request));
    if (requestedBy != null) {
      builder.setMemo(Map.of(EnvironmentLifecycleWorkflow.REQUESTED_BY_MEMO, requestedBy));
    }
    WorkflowOptions options = builder.build();
    EnvironmentWorkflow workflow = client.newWorkflowStub(EnvironmentWorkflow.class, options);
    return TemporalFailures.translated(
        () -> {
          StartResult result;
          try {
            WorkflowExecution execution = WorkflowClient.start(workflow::run, request);
            result = new StartResult(execution.getRunId(), true);
          } catch (WorkflowExecutionAlreadyStarted e) {
            result = new StartResult(e.getExecution().getRunId(), false);
          }
          openRuns.remember(
              EnvironmentNaming.workflowId(request.team(), request.name()), result.runId());
          return result;
        });
  }

  /**
   * The request a run was started with, read from its first history event. This needs no worker, so
   * a repeated request is recognised even while the workers are down.
   */
  public EnvironmentRequest startInput(String workflowId, String runId) {
    return TemporalFailures.translated(() -> history.startInput(workflowId, runId));
  }

  /**
   * The run of the environment that was open and provisioning or ready when last seen by this
   * replica, if any. It may have closed since: calls to it then answer empty, and forget it.
   */
  public Optional<String> knownOpenRun(String workflowId) {
    return openRuns.runId(workflowId);
  }

  /** The latest run under the workflow id, or empty if there is none. */
  public Optional<RunDescription> describe(String workflowId) {
    Optional<RunDescription> run =
        TemporalFailures.translated(
            () ->
                TemporalFailures.unlessNotFound(
                    () -> toRun(client.newUntypedWorkflowStub(workflowId).describe())));
    if (run.isPresent() && run.get().open()) {
      openRuns.remember(workflowId, run.get().runId());
    } else {
      openRuns.forgetAny(workflowId);
    }
    return run;
  }

  /**
   * The status query of one run; closed runs answer from a worker's replay of their history. A
   * query waits for a worker to answer, so it is bounded by the given patience.
   */
  public EnvironmentStatus status(String workflowId, String runId, Duration patience) {
    return noted(
        workflowId,
        runId,
        TemporalFailures.translated(
            () -> deadlines.within(patience, () -> workflow(workflowId, runId).status())));
  }

  /**
   * The status query of a run while it is open, bounded by the configured query timeout; empty once
   * the run has closed or is gone. The server refuses the query of a closed run itself, so asking
   * costs no worker a replay.
   */
  public Optional<EnvironmentStatus> statusWhileOpen(String workflowId, String runId) {
    EnvironmentWorkflow run =
        openRunsOnly.newWorkflowStub(
            EnvironmentWorkflow.class,
            WorkflowTargetOptions.newBuilder().setWorkflowId(workflowId).setRunId(runId).build());
    Optional<EnvironmentStatus> status =
        TemporalFailures.translated(
            () ->
                TemporalFailures.unlessClosed(
                    () -> deadlines.within(properties.queryTimeout(), run::status)));
    status.ifPresentOrElse(
        answer -> noted(workflowId, runId, answer), () -> openRuns.forget(workflowId, runId));
    return status;
  }

  /**
   * The final status of a run that completed (an environment that was destroyed), read from the
   * run's last history event: no worker needs to replay the run for it. Empty if the run ended any
   * other way (failed, terminated, timed out), whose status only a query can tell.
   */
  public Optional<EnvironmentStatus> completedStatus(String workflowId, String runId) {
    WorkflowStub run =
        client.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty());
    try {
      return Optional.of(
          TemporalFailures.translated(
              () ->
                  deadlines.within(
                      properties.queryTimeout(), () -> run.getResult(EnvironmentStatus.class))));
    } catch (WorkflowFailedException e) {
      return Optional.empty();
    }
  }

  /**
   * The final status of a closed run, answered with no worker if need be: a destroyed environment's
   * from its result; a failed, terminated or timed-out one's from its status query when a worker
   * answers it at once (it knows the steps), else from the run's history.
   */
  public EnvironmentStatus finalStatus(String workflowId, String runId) {
    Optional<EnvironmentStatus> result = completedStatus(workflowId, runId);
    if (result.isPresent()) {
      return result.get();
    }
    try {
      return status(workflowId, runId, CLOSED_RUN_QUERY_PATIENCE);
    } catch (TemporalUnavailableException e) {
      if (e instanceof WorkerUnavailableException || e.timedOut()) {
        log.debug("no worker replays {}; reading its history: {}", workflowId, e.getMessage());
        return TemporalFailures.translated(() -> history.endedStatus(workflowId, runId));
      }
      throw e;
    }
  }

  /** The status query, bounded by the configured query timeout. */
  public EnvironmentStatus status(String workflowId, String runId) {
    return status(workflowId, runId, properties.queryTimeout());
  }

  /**
   * The status, if the run answers within the patience; empty when Temporal or the workflow cannot
   * answer, for callers whose answer does not depend on it.
   */
  public Optional<EnvironmentStatus> statusIfAnswered(
      String workflowId, String runId, Duration patience) {
    try {
      return Optional.ofNullable(status(workflowId, runId, patience));
    } catch (TemporalUnavailableException | WorkflowException e) {
      log.debug("no status for {} yet: {}", workflowId, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Moves the expiry of an open run; the workflow's validator decides whether the new expiry is
   * allowed.
   *
   * @return empty if the run is no longer open (or never was)
   */
  public Optional<EnvironmentStatus> extend(
      String workflowId, String runId, ExtendRequest request) {
    return update(workflowId, runId, workflow -> workflow.extend(request));
  }

  /**
   * Starts teardown of an open run.
   *
   * @return empty if the run is no longer open (or never was)
   */
  public Optional<EnvironmentStatus> destroy(String workflowId, String runId, String reason) {
    return update(workflowId, runId, workflow -> workflow.destroy(reason));
  }

  /**
   * Runs one of the approval and sleep updates on an open run.
   *
   * @return empty if the run is no longer open (or never was)
   */
  public Optional<EnvironmentStatus> lifecycle(
      String workflowId,
      String runId,
      Function<EnvironmentLifecycleWorkflow, EnvironmentStatus> update) {
    return boundedUpdate(
        workflowId,
        runId,
        () ->
            update.apply(
                client.newWorkflowStub(
                    EnvironmentLifecycleWorkflow.class,
                    WorkflowTargetOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setRunId(runId)
                        .build())));
  }

  /** Runs an update on an open run and waits at most the configured update timeout for it. */
  private Optional<EnvironmentStatus> update(
      String workflowId, String runId, Function<EnvironmentWorkflow, EnvironmentStatus> update) {
    return boundedUpdate(workflowId, runId, () -> update.apply(workflow(workflowId, runId)));
  }

  private Optional<EnvironmentStatus> boundedUpdate(
      String workflowId, String runId, Supplier<EnvironmentStatus> update) {
    Supplier<EnvironmentStatus> bounded =
        () -> deadlines.within(properties.updateTimeout(), update::get);
    Optional<EnvironmentStatus> status =
        TemporalFailures.translated(
            () ->
                TemporalFailures.unlessNotFound(() -> TemporalFailures.refusalTranslated(bounded)));
    status.ifPresentOrElse(
        answer -> noted(workflowId, runId, answer), () -> openRuns.forget(workflowId, runId));
    return status;
  }

  /**
   * Remembers the run while it provisions or is ready, and forgets it once it is tearing down or
   * over: such a run closes soon, and asking the closed run first would only add a call.
   */
  private EnvironmentStatus noted(String workflowId, String runId, EnvironmentStatus status) {
    if (status != null && OPEN_PHASES.contains(status.phase())) {
      openRuns.remember(workflowId, runId);
    } else {
      openRuns.forget(workflowId, runId);
    }
    return status;
  }

  /** A typed stub on one run: queries and updates go to that run, not to a later one. */
  private EnvironmentWorkflow workflow(String workflowId, String runId) {
    return client.newWorkflowStub(
        EnvironmentWorkflow.class,
        WorkflowTargetOptions.newBuilder().setWorkflowId(workflowId).setRunId(runId).build());
  }

  private String namespace() {
    return client.getOptions().getNamespace();
  }

  private static RunDescription toRun(WorkflowExecutionMetadata metadata) {
    return new RunDescription(
        metadata.getExecution().getWorkflowId(),
        metadata.getExecution().getRunId(),
        RunMetadata.open(metadata),
        metadata.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
        RunMetadata.phase(metadata));
  }
}
