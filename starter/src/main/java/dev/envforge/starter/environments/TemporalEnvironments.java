package dev.envforge.starter.environments;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentSummary;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.quota.Reservation;
import dev.envforge.workflows.quota.ReservationRequest;
import dev.envforge.workflows.quota.TeamQuotaState;
import dev.envforge.workflows.quota.TeamQuotaWorkflow;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.context.WorkflowSerializationContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Everything the API asks of Temporal, and nothing else: start, describe, query, update and
 * visibility. Temporal's exceptions are turned into the API's own here, so that callers need not
 * know the SDK's failure types.
 */
@Component
public class TemporalEnvironments implements DisposableBean {

  /** The workflow type as registered by the worker, derived so that a rename cannot drift. */
  public static final String WORKFLOW_TYPE =
      POJOWorkflowInterfaceMetadata.newInstance(EnvironmentWorkflow.class)
          .getWorkflowMethod()
          .orElseThrow()
          .getName();

  private static final Logger log = LoggerFactory.getLogger(TemporalEnvironments.class);

  private static final String VALIDATOR_ILLEGAL_STATE = IllegalStateException.class.getName();

  private final WorkflowClient client;
  private final EnvforgeProperties properties;
  // gRPC deadlines need a timer; one daemon thread serves all bounded calls.
  private final ScheduledExecutorService deadlineTimer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "temporal-call-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  public TemporalEnvironments(WorkflowClient client, EnvforgeProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /** Whether {@link #start} made a new run, and which run holds the workflow id now. */
  public record StartResult(String runId, boolean started) {}

  /** One run of an environment's workflow, as visibility and describe know it. */
  public record RunDescription(String workflowId, String runId, boolean open, Phase phase) {}

  /** One page of a visibility query; {@code nextPageToken} is empty on the last page. */
  public record VisibilityPage(List<WorkflowExecutionMetadata> executions, byte[] nextPageToken) {}

  public String namespace() {
    return client.getOptions().getNamespace();
  }

  /**
   * Starts the environment's workflow unless a run with its id is open; a closed run (destroyed,
   * failed) does not stand in the way of a new one.
   */
  public StartResult start(EnvironmentRequest request) {
    WorkflowOptions options =
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
            .setStaticSummary(EnvironmentSummary.of(request))
            .build();
    EnvironmentWorkflow workflow = client.newWorkflowStub(EnvironmentWorkflow.class, options);
    return translated(
        () -> {
          try {
            WorkflowExecution execution = WorkflowClient.start(workflow::run, request);
            return new StartResult(execution.getRunId(), true);
          } catch (WorkflowExecutionAlreadyStarted e) {
            return new StartResult(e.getExecution().getRunId(), false);
          }
        });
  }

  /**
   * The request a run was started with, read from its first history event. This needs no worker, so
   * a repeated request is recognised even while the workers are down.
   */
  public EnvironmentRequest startInput(String workflowId, String runId) {
    return translated(
        () -> {
          HistoryEvent first =
              client
                  .getWorkflowServiceStubs()
                  .blockingStub()
                  .getWorkflowExecutionHistory(
                      GetWorkflowExecutionHistoryRequest.newBuilder()
                          .setNamespace(namespace())
                          .setExecution(
                              WorkflowExecution.newBuilder()
                                  .setWorkflowId(workflowId)
                                  .setRunId(runId))
                          .setMaximumPageSize(1)
                          .build())
                  .getHistory()
                  .getEvents(0);
          Payloads input = first.getWorkflowExecutionStartedEventAttributes().getInput();
          return dataConverter(workflowId)
              .fromPayloads(
                  0, Optional.of(input), EnvironmentRequest.class, EnvironmentRequest.class);
        });
  }

  /** The latest run under the workflow id, or empty if there is none. */
  public Optional<RunDescription> describe(String workflowId) {
    return translated(
        () -> {
          try {
            WorkflowExecutionDescription description =
                client.newUntypedWorkflowStub(workflowId).describe();
            return Optional.of(toRun(description));
          } catch (WorkflowNotFoundException e) {
            return Optional.empty();
          } catch (RuntimeException e) {
            if (statusCode(e) == Status.Code.NOT_FOUND) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  /**
   * The status query of one run; closed runs answer from a worker's replay of their history. A
   * query waits for a worker to answer, so it is bounded by the given patience.
   */
  public EnvironmentStatus status(String workflowId, String runId, Duration patience) {
    return translated(
        () ->
            withDeadline(
                patience, () -> stub(workflowId, runId).query("status", EnvironmentStatus.class)));
  }

  /** The status query, bounded by the configured query timeout. */
  public EnvironmentStatus status(String workflowId, String runId) {
    return status(workflowId, runId, properties.queryTimeout());
  }

  /**
   * Runs an update on an open run and waits at most the configured update timeout for its result.
   *
   * @return empty if the run is no longer open (or never was)
   */
  public Optional<EnvironmentStatus> update(
      String workflowId, String runId, String updateName, Object argument) {
    return translated(
        () -> {
          try {
            return Optional.of(
                withDeadline(
                    properties.updateTimeout(),
                    () ->
                        stub(workflowId, runId)
                            .update(updateName, EnvironmentStatus.class, argument)));
          } catch (WorkflowNotFoundException e) {
            return Optional.empty();
          } catch (WorkflowUpdateException e) {
            throw refusal(e);
          } catch (RuntimeException e) {
            if (statusCode(e) == Status.Code.NOT_FOUND) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  public VisibilityPage list(String query, int pageSize, byte[] pageToken) {
    return translated(
        () -> {
          ListWorkflowExecutionsResponse response =
              client
                  .getWorkflowServiceStubs()
                  .blockingStub()
                  .listWorkflowExecutions(
                      ListWorkflowExecutionsRequest.newBuilder()
                          .setNamespace(namespace())
                          .setQuery(query)
                          .setPageSize(pageSize)
                          .setNextPageToken(com.google.protobuf.ByteString.copyFrom(pageToken))
                          .build());
          DataConverter converter = client.getOptions().getDataConverter();
          List<WorkflowExecutionMetadata> executions =
              response.getExecutionsList().stream()
                  .map(info -> new WorkflowExecutionMetadata(info, converter))
                  .toList();
          return new VisibilityPage(executions, response.getNextPageToken().toByteArray());
        });
  }

  /**
   * Asks the team's quota workflow for a slot, starting the workflow if it is not running. The
   * workflow answers updates one at a time, which is what makes the limit hold across replicas.
   */
  public Reservation reserve(String team, ReservationRequest request) {
    TeamQuotaWorkflow quota =
        client.newWorkflowStub(
            TeamQuotaWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TeamQuotaWorkflow.workflowId(team))
                .setTaskQueue(properties.taskQueue())
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    Supplier<Reservation> call =
        () ->
            withDeadline(
                properties.updateTimeout(),
                () ->
                    WorkflowClient.executeUpdateWithStart(
                        quota::reserve,
                        request,
                        UpdateOptions.<Reservation>newBuilder().build(),
                        new WithStartWorkflowOperation<>(quota::run, TeamQuotaState.empty())));
    try {
      return translated(call);
    } catch (TemporalUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      // An idle quota run may end just as the update reaches it; the next try starts a new one.
      log.info("reserving a slot of team {} failed once, trying again: {}", team, e.toString());
      return translated(call);
    }
  }

  public long count(String query) {
    return translated(() -> client.countWorkflows(query).getCount());
  }

  /** Asks the server for its system info within the deadline; throws if it does not answer. */
  public void ping(Duration deadline) {
    client
        .getWorkflowServiceStubs()
        .blockingStub()
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .getSystemInfo(
            io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
  }

  @Override
  public void destroy() {
    deadlineTimer.shutdownNow();
  }

  /**
   * Runs a blocking call under a gRPC deadline. The SDK loops on long polls while a workflow has no
   * worker to answer; the deadline ends that loop, so no request thread waits without bound.
   */
  private <T> T withDeadline(Duration patience, Supplier<T> call) {
    Context.CancellableContext bounded =
        Context.current()
            .withDeadlineAfter(patience.toMillis(), TimeUnit.MILLISECONDS, deadlineTimer);
    try {
      return bounded.wrap(() -> call.get()).call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      bounded.cancel(null);
    }
  }

  private WorkflowStub stub(String workflowId, String runId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty());
  }

  private DataConverter dataConverter(String workflowId) {
    return client
        .getOptions()
        .getDataConverter()
        .withContext(new WorkflowSerializationContext(namespace(), workflowId));
  }

  private static RunDescription toRun(WorkflowExecutionMetadata metadata) {
    String phase = metadata.getTypedSearchAttributes().get(EnvironmentSearchAttributes.PHASE);
    return new RunDescription(
        metadata.getExecution().getWorkflowId(),
        metadata.getExecution().getRunId(),
        metadata.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        phaseOrNull(phase));
  }

  static Phase phaseOrNull(String name) {
    if (name == null) {
      return null;
    }
    try {
      return Phase.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * An update's validator throws IllegalStateException when the phase forbids the update and
   * IllegalArgumentException when the input is unacceptable; both reach the client as an
   * ApplicationFailure typed with the exception's class name.
   */
  private static UpdateRefusedException refusal(WorkflowUpdateException e) {
    if (e.getCause() instanceof ApplicationFailure failure) {
      UpdateRefusedException.Reason reason =
          VALIDATOR_ILLEGAL_STATE.equals(failure.getType())
              ? UpdateRefusedException.Reason.WRONG_STATE
              : UpdateRefusedException.Reason.UNACCEPTABLE;
      return new UpdateRefusedException(reason, failure.getOriginalMessage());
    }
    String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    return new UpdateRefusedException(UpdateRefusedException.Reason.UNACCEPTABLE, message);
  }

  /** Runs a call to Temporal, turning an unreachable or slow server into one exception. */
  public static <T> T translated(Supplier<T> call) {
    try {
      return call.get();
    } catch (WorkflowUpdateTimeoutOrCancelledException e) {
      throw new TemporalUnavailableException(
          "the environment's workflow did not answer in time; is a worker running?", true, e);
    } catch (WorkflowQueryException e) {
      // The query reached a worker but the workflow could not answer it (a failing workflow task,
      // for one); the cause is in the worker's log and the Temporal UI, not for the caller.
      throw new TemporalUnavailableException(
          "the environment's workflow could not answer its status query", false, e);
    } catch (RuntimeException e) {
      Status.Code code = statusCode(e);
      if (code == Status.Code.UNAVAILABLE) {
        throw new TemporalUnavailableException("Temporal is unavailable", false, e);
      }
      if (code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.CANCELLED) {
        throw new TemporalUnavailableException("Temporal did not answer in time", true, e);
      }
      throw e;
    }
  }

  /** The gRPC status somewhere in the cause chain, or null. */
  static Status.Code statusCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) {
        return status.getStatus().getCode();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
