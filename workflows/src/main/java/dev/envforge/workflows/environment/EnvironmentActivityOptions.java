package dev.envforge.workflows.environment;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts for the environment's activities. Every activity is started for a single attempt: {@link
 * StepRunner} retries in the workflow so that attempts and errors show in the status.
 */
final class EnvironmentActivityOptions {

  private static final RetryOptions SINGLE_ATTEMPT =
      RetryOptions.newBuilder().setMaximumAttempts(1).build();

  /**
   * Cancelling provisioning waits for in-flight activities to end, so that an undo never runs while
   * its step is still changing the world.
   */
  private static final ActivityCancellationType WAIT =
      ActivityCancellationType.WAIT_CANCELLATION_COMPLETED;

  /**
   * Quick calls: resolving a cluster. The worker keeps such activities heartbeating while they run,
   * so a crashed worker is noticed after the heartbeat timeout, not the whole minute.
   */
  static final ActivityOptions QUICK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setHeartbeatTimeout(Duration.ofSeconds(20))
          .setRetryOptions(SINGLE_ATTEMPT)
          .setCancellationType(WAIT)
          .build();

  /**
   * The direct database driver: bounded waits inside (a create slot, a per-role lock, Postgres' own
   * wait for the template) make it slower than a plain API call, but it does not heartbeat.
   */
  static final ActivityOptions DATABASE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(3))
          .setHeartbeatTimeout(Duration.ofSeconds(20))
          .setRetryOptions(SINGLE_ATTEMPT)
          .setCancellationType(WAIT)
          .build();

  /**
   * Waits on slow systems (a composite becoming Ready, a namespace disappearing). They heartbeat,
   * so a crashed worker is noticed after the heartbeat timeout, not after the whole wait.
   */
  static final ActivityOptions WAITING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(45))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(SINGLE_ATTEMPT)
          .setCancellationType(WAIT)
          .build();

  /** Rewriting the expiry annotation is not a step of its own; the server retries it. */
  static final ActivityOptions ANNOTATE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(10)
                  .build())
          .build();

  /**
   * Expiry warnings: a Kubernetes Event and a webhook. Bounded retries: a notification that keeps
   * failing for a few minutes is recorded as failed rather than retried into the expiry itself.
   */
  static final ActivityOptions NOTIFY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  static final LocalActivityOptions SETTINGS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
          .build();

  /** How long a provisioning step may keep failing transiently before the environment fails. */
  static final Duration PROVISION_DEADLINE = Duration.ofMinutes(10);

  /** A dedicated cluster takes long to create; its step gets more room. */
  static final Duration DEDICATED_CLUSTER_DEADLINE = Duration.ofMinutes(60);

  /** Undo keeps trying longer than do: leaving things behind costs more than waiting. */
  static final Duration UNDO_DEADLINE = Duration.ofMinutes(60);

  private EnvironmentActivityOptions() {}
}
