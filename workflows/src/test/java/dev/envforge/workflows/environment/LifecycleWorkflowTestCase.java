package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.LifecycleChange;
import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.lifecycle.ApprovalPolicy;
import dev.envforge.workflows.lifecycle.SleepPolicy;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;

/** Workflow tests of approvals and sleep: runs started by a named caller, lifecycle updates. */
abstract class LifecycleWorkflowTestCase extends EnvironmentWorkflowTestCase {

  static final String WORKFLOW_ID = "environment/payments/review";

  void configure(ApprovalPolicy approval, SleepPolicy sleep) {
    fixture.configured = EnvironmentFixture.SETTINGS.withLifecycle(approval, sleep);
  }

  /**
   * Starts the run as the API does, with the requester in its memo, and aims {@code workflow} at
   * it.
   */
  void startAs(String requestedBy, EnvironmentRequest request) {
    String taskQueue = WorkflowStub.fromTyped(workflow).getOptions().orElseThrow().getTaskQueue();
    EnvironmentWorkflow asked =
        client.newWorkflowStub(
            EnvironmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(taskQueue)
                .setMemo(Map.of(EnvironmentLifecycleWorkflow.REQUESTED_BY_MEMO, requestedBy))
                .build());
    WorkflowClient.start(asked::run, request);
    // Queries and updates from here on go to the run just started.
    workflow = client.newWorkflowStub(EnvironmentWorkflow.class, WORKFLOW_ID);
  }

  EnvironmentLifecycleWorkflow lifecycle() {
    return client.newWorkflowStub(EnvironmentLifecycleWorkflow.class, WORKFLOW_ID);
  }

  EnvironmentStatus result() {
    return client.newUntypedWorkflowStub(WORKFLOW_ID).getResult(EnvironmentStatus.class);
  }

  /** The approval and sleep changes told of, in order, as lifecycle events (runs announce them). */
  List<String> noticeKinds() {
    return notices().stream().map(event -> event.change().label()).toList();
  }

  private static boolean approvalOrSleep(LifecycleChange change) {
    return switch (change) {
      case CREATED, EXTENDED, EXPIRING, DELETED -> false;
      default -> true;
    };
  }

  /** The approval and sleep changes told of, as the lifecycle events published for them. */
  List<LifecycleEvent> notices() {
    ArgumentCaptor<LifecycleEvent> published = ArgumentCaptor.forClass(LifecycleEvent.class);
    Mockito.verify(fixture.events, Mockito.atLeast(0)).publish(published.capture());
    return published.getAllValues().stream().filter(e -> approvalOrSleep(e.change())).toList();
  }
}
