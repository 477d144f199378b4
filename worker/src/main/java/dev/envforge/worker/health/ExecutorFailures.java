package dev.envforge.worker.health;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The failures of this worker's own executors, as opposed to its workflows' or activities' honest
 * failures: a class that cannot be loaded (its jar was replaced under it, a dependency is missing)
 * breaks every task it touches and never heals while the process lives, so the worker must be taken
 * out and replaced rather than retried.
 */
public final class ExecutorFailures {

  /** The first such failure: what broke, where, and when. */
  public record Failure(String error, String where, Instant at) {}

  private final Clock clock;
  private final AtomicReference<Failure> first = new AtomicReference<>();
  private final AtomicLong count = new AtomicLong();

  public ExecutorFailures(Clock clock) {
    this.clock = clock;
  }

  /**
   * Records the failure if it is one of the executor's own; returns it unchanged for rethrowing.
   *
   * @param where e.g. {@code workflow EnvironmentWorkflow} or {@code activity CreateNamespace}
   */
  public <T extends Throwable> T observe(String where, T failure) {
    Throwable broken = executorFailure(failure);
    if (broken != null) {
      count.incrementAndGet();
      // Only the class name: an error's message may quote anything, and this ends up in health.
      first.compareAndSet(null, new Failure(broken.getClass().getName(), where, clock.instant()));
    }
    return failure;
  }

  public Optional<Failure> first() {
    return Optional.ofNullable(first.get());
  }

  public long count() {
    return count.get();
  }

  /** A class-loading or linking error anywhere in the chain, or null. */
  private static Throwable executorFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof LinkageError) {
        return t;
      }
    }
    return null;
  }
}
