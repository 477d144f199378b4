package dev.envforge.worker.health;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether this worker can do its work: its executors have not failed, its workers poll, and
 * Temporal answers. The readiness group includes it (and liveness the executor part, {@link
 * WorkerExecutorsHealthIndicator}), so that an orchestrator stops counting on, and then replaces, a
 * worker that only looks alive.
 */
public final class WorkerHealthIndicator implements HealthIndicator {

  // Short, so that a probe answers within its own timeout even if Temporal hangs.
  private static final Duration DEADLINE = Duration.ofSeconds(2);

  private final WorkerExecutorsHealthIndicator executors;
  private final WorkflowServiceStubs temporal;

  public WorkerHealthIndicator(
      WorkerExecutorsHealthIndicator executors, WorkflowServiceStubs temporal) {
    this.executors = executors;
    this.temporal = temporal;
  }

  @Override
  public Health health() {
    Health own = executors.health();
    if (!Status.UP.equals(own.getStatus())) {
      return own;
    }
    try {
      temporal
          .blockingStub()
          .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (RuntimeException e) {
      return Health.down()
          .withDetail("reason", "Temporal does not answer")
          .withDetail("error", e.getClass().getSimpleName())
          .build();
    }
    return own;
  }
}
