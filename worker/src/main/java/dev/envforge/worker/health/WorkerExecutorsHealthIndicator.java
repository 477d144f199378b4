package dev.envforge.worker.health;

import io.temporal.worker.WorkerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether this process's workers still poll and its executors have not failed in a way only a
 * restart mends (see {@link ExecutorFailures}). Unlike Temporal being away, which a restart does
 * not mend, this belongs in liveness too.
 */
public final class WorkerExecutorsHealthIndicator implements HealthIndicator {

  private final ExecutorFailures failures;
  private final WorkerFactory factory;

  public WorkerExecutorsHealthIndicator(ExecutorFailures failures, WorkerFactory factory) {
    this.failures = failures;
    this.factory = factory;
  }

  @Override
  public Health health() {
    var failure = failures.first();
    if (failure.isPresent()) {
      return Health.down()
          .withDetail("reason", "the worker's executors fail")
          .withDetail("error", failure.get().error())
          .withDetail("where", failure.get().where())
          .withDetail("since", failure.get().at().toString())
          .withDetail("failures", failures.count())
          .build();
    }
    if (!factory.isStarted() || factory.isShutdown() || factory.isTerminated()) {
      return Health.down().withDetail("reason", "the workers do not poll").build();
    }
    return Health.up().build();
  }
}
