package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.ActivityTimeouts;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Options of the environment's activities. A step's activity is started for a single attempt:
 * {@link StepRunner} retries in the workflow so that attempts and errors show in the status. The
 * calls that are not steps (the settings, the expiry annotation, the warnings) are retried by the
 * server. Short steps run as local activities in runs that took that version (see {@link
 * StepActivities}); their options keep the regular ones' start-to-close timeouts.
 */
final class EnvironmentActivityOptions {

  /** Resolving a cluster. */
  static final ActivityOptions QUICK = step(ActivityTimeouts.apiCall());

  /** The direct database driver. */
  static final ActivityOptions DATABASE = step(ActivityTimeouts.database());

  /**
   * Crossplane composites and the namespace: its deletion waits until the namespace is gone, and
   * its applies, on the same stub, end well within the heartbeat timeout.
   */
  static final ActivityOptions WAITING = step(ActivityTimeouts.waiting());

  /** Resolving a cluster, applying the namespace or its guardrails, as a local activity. */
  static final LocalActivityOptions LOCAL_QUICK = localStep(ActivityTimeouts.localApiCall());

  /** The direct database driver as a local activity. */
  static final LocalActivityOptions LOCAL_DATABASE = localStep(ActivityTimeouts.localDatabase());

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

  /**
   * Sleep and wake: a list and a patch per workload, idempotent, retried by the server briefly so
   * that the caller who asked hears of a failure while still waiting for the answer.
   */
  static final ActivityOptions WORKLOADS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(5))
                  .setMaximumAttempts(4)
                  .build())
          .build();

  /**
   * Lifecycle events to the sinks: each attempt posts to the sinks still owed the event, so its
   * timeout leaves room for several slow sinks. Bounded retries, as for the warnings: an
   * announcement that keeps failing is logged and given up, never allowed to hold the run.
   */
  static final ActivityOptions EVENTS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  static final LocalActivityOptions SETTINGS = ActivityTimeouts.SETTINGS;

  /** How long a provisioning step may keep failing transiently before the environment fails. */
  static final Duration PROVISION_DEADLINE = Duration.ofMinutes(10);

  /** A dedicated cluster takes long to create; its step gets more room. */
  static final Duration DEDICATED_CLUSTER_DEADLINE = Duration.ofMinutes(60);

  /** Undo keeps trying longer than do: leaving things behind costs more than waiting. */
  static final Duration UNDO_DEADLINE = Duration.ofMinutes(60);

  private EnvironmentActivityOptions() {}

  /**
   * A single attempt, and a cancellation of provisioning waits for the activity to end, so that an
   * undo never runs while its step is still changing the world.
   */
  private static ActivityOptions step(ActivityOptions.Builder timeouts) {
    return timeouts
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /**
   * A single attempt, as for the regular steps. A local activity is never cancelled: a cancelled
   * provisioning waits for it to end, just as it waits for a regular step's activity.
   */
  private static LocalActivityOptions localStep(LocalActivityOptions.Builder timeouts) {
    return timeouts
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }
}
