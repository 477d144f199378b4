package dev.envforge.workflows.environment;

import dev.envforge.workflows.failure.EnvironmentFailure;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs one step's activity with retries decided here rather than by the server, so every attempt
 * and its error are visible in the status query. Activities are started with a single attempt; a
 * transient failure (any failure not marked non-retryable, timeouts included) is retried with
 * exponential backoff until the step's deadline; a non-retryable one ends the step at once.
 */
final class StepRunner {

  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final StepLedger ledger;
  private final Runnable onChange;

  StepRunner(StepLedger ledger, Runnable onChange) {
    this.ledger = ledger;
    this.onChange = onChange;
  }

  /** Runs a provisioning step; on failure the step is FAILED and a permanent failure thrown. */
  <T> T provision(Step step, Duration deadline, Supplier<T> action) {
    ledger.started(step, now());
    onChange.run();
    try {
      T result = retrying(step, deadline, action);
      ledger.finished(step, StepStatus.DONE, now());
      return result;
    } catch (ApplicationFailure failure) {
      ledger.finished(step, StepStatus.FAILED, now());
      throw failure;
    } finally {
      onChange.run();
    }
  }

  /** As {@link #provision(Step, Duration, Supplier)}, for a step that produces nothing. */
  void provision(Step step, Duration deadline, Runnable action) {
    provision(
        step,
        deadline,
        () -> {
          action.run();
          return null;
        });
  }

  /** Runs a step's undo; the step ends COMPENSATED, or FAILED if the undo fails for good. */
  void undo(Step step, Duration deadline, Runnable action) {
    StepState before = ledger.get(step);
    if (before.status() == StepStatus.SKIPPED || before.status() == StepStatus.COMPENSATED) {
      return;
    }
    ledger.started(step, before.startedAt() == null ? now() : before.startedAt());
    onChange.run();
    try {
      retrying(
          step,
          deadline,
          () -> {
            action.run();
            return null;
          });
      ledger.finished(step, StepStatus.COMPENSATED, now());
    } catch (ApplicationFailure failure) {
      ledger.finished(step, StepStatus.FAILED, now());
      throw failure;
    } finally {
      onChange.run();
    }
  }

  private <T> T retrying(Step step, Duration deadline, Supplier<T> action) {
    Instant giveUpAt = now().plus(deadline);
    Duration backoff = INITIAL_BACKOFF;
    while (true) {
      ledger.attempt(step);
      try {
        return action.get();
      } catch (ActivityFailure failure) {
        String message = describe(failure);
        ledger.error(step, message);
        ApplicationFailure permanent = permanentCause(failure);
        if (permanent != null) {
          throw EnvironmentFailure.valueOfOr(permanent.getType(), EnvironmentFailure.UNEXPECTED)
              .failure(step + ": " + message);
        }
        if (now().plus(backoff).isAfter(giveUpAt)) {
          throw EnvironmentFailure.STEP_DEADLINE_EXCEEDED.failure(
              step + ": still failing after " + deadline + ": " + message);
        }
        onChange.run();
        Workflow.sleep(backoff);
        backoff = backoff.multipliedBy(2);
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
          backoff = MAX_BACKOFF;
        }
      }
    }
  }

  private static ApplicationFailure permanentCause(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure application
        && application.isNonRetryable()) {
      return application;
    }
    return null;
  }

  /** A one-line description of why an attempt failed: the root cause's type and message. */
  static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    if (cause instanceof ApplicationFailure application) {
      String type = application.getType();
      String simpleType = type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
      return simpleType + ": " + application.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure timeout) {
      return "timed out (" + timeout.getTimeoutType() + ")";
    }
    if (cause instanceof TemporalFailure temporal) {
      return temporal.getOriginalMessage();
    }
    return cause.getMessage();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
