package dev.envforge.worker.health;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;

/**
 * Watches every workflow task and activity this worker executes for failures of the executor itself
 * (see {@link ExecutorFailures}); it changes nothing that passes through, so workflow code stays
 * deterministic and replays as before.
 */
public final class ExecutorFailureInterceptor extends WorkerInterceptorBase {

  private final ExecutorFailures failures;

  public ExecutorFailureInterceptor(ExecutorFailures failures) {
    this.failures = failures;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WatchedWorkflow(next, failures);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new WatchedActivity(next, failures);
  }

  private static final class WatchedWorkflow extends WorkflowInboundCallsInterceptorBase {

    private final ExecutorFailures failures;

    WatchedWorkflow(WorkflowInboundCallsInterceptor next, ExecutorFailures failures) {
      super(next);
      this.failures = failures;
    }

    private String where() {
      return "workflow " + Workflow.getInfo().getWorkflowType();
    }

    @Override
    public WorkflowOutput execute(WorkflowInput input) {
      try {
        return super.execute(input);
      } catch (Error e) {
        throw failures.observe(where(), e);
      }
    }

    @Override
    public void handleSignal(SignalInput input) {
      try {
        super.handleSignal(input);
      } catch (Error e) {
        throw failures.observe(where(), e);
      }
    }

    @Override
    public UpdateOutput executeUpdate(UpdateInput input) {
      try {
        return super.executeUpdate(input);
      } catch (Error e) {
        throw failures.observe(where(), e);
      }
    }

    @Override
    public QueryOutput handleQuery(QueryInput input) {
      try {
        return super.handleQuery(input);
      } catch (Error e) {
        throw failures.observe(where(), e);
      }
    }
  }

  private static final class WatchedActivity extends ActivityInboundCallsInterceptorBase {

    private final ExecutorFailures failures;

    WatchedActivity(ActivityInboundCallsInterceptor next, ExecutorFailures failures) {
      super(next);
      this.failures = failures;
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      try {
        return super.execute(input);
      } catch (Error e) {
        throw failures.observe("activity", e);
      } catch (RuntimeException e) {
        // The SDK may carry the error as the cause of its own wrapper.
        throw failures.observe("activity", e);
      }
    }
  }
}
