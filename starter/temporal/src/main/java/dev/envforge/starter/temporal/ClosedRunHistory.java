package dev.envforge.starter.temporal;

import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.payload.context.WorkflowSerializationContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a closed run's history says of it without a worker replaying it: the request from its first
 * event, and how it ended from its last. A run that failed, was terminated or timed out has no
 * result to read, so this is all that can be known of it while no worker answers its query.
 */
final class ClosedRunHistory {

  private final WorkflowClient client;

  ClosedRunHistory(WorkflowClient client) {
    this.client = client;
  }

  /** The request a run was started with, read from its first history event. */
  EnvironmentRequest startInput(String workflowId, String runId) {
    return startInput(firstEvent(workflowId, runId), workflowId);
  }

  private EnvironmentRequest startInput(HistoryEvent first, String workflowId) {
    Payloads input = first.getWorkflowExecutionStartedEventAttributes().getInput();
    return client
        .getOptions()
        .getDataConverter()
        .withContext(new WorkflowSerializationContext(namespace(), workflowId))
        .fromPayloads(0, Optional.of(input), EnvironmentRequest.class, EnvironmentRequest.class);
  }

  /**
   * The final status of a run that ended without a result: FAILED, with the reason its closing
   * event gives. The steps are not in the history in a form this can read, so the list is empty.
   */
  EnvironmentStatus endedStatus(String workflowId, String runId) {
    HistoryEvent first = firstEvent(workflowId, runId);
    EnvironmentRequest request = startInput(first, workflowId);
    HistoryEvent last = lastEvent(workflowId, runId);
    return new EnvironmentStatus(
        request == null ? null : request.withDefaults().environmentId(),
        request == null ? null : request.withDefaults(),
        Phase.FAILED,
        List.of(),
        EnvironmentOutputs.empty(),
        instant(first),
        null,
        null,
        false,
        reason(last),
        null);
  }

  /** Why the run ended, in the words its closing event has. */
  static String reason(HistoryEvent last) {
    return switch (last.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
          last.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage();
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
        String why = last.getWorkflowExecutionTerminatedEventAttributes().getReason();
        yield why.isBlank() ? "terminated" : "terminated: " + why;
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> "timed out";
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> "cancelled";
      default -> "ended";
    };
  }

  private HistoryEvent firstEvent(String workflowId, String runId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(namespace())
                .setExecution(execution(workflowId, runId))
                .setMaximumPageSize(1)
                .build())
        .getHistory()
        .getEvents(0);
  }

  /** The closing event, read from the end so that a long history costs one page of one event. */
  private HistoryEvent lastEvent(String workflowId, String runId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistoryReverse(
            GetWorkflowExecutionHistoryReverseRequest.newBuilder()
                .setNamespace(namespace())
                .setExecution(execution(workflowId, runId))
                .setMaximumPageSize(1)
                .build())
        .getHistory()
        .getEvents(0);
  }

  private static Instant instant(HistoryEvent event) {
    return Instant.ofEpochSecond(
        event.getEventTime().getSeconds(), event.getEventTime().getNanos());
  }

  private static WorkflowExecution execution(String workflowId, String runId) {
    return WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
  }

  private String namespace() {
    return client.getOptions().getNamespace();
  }
}
