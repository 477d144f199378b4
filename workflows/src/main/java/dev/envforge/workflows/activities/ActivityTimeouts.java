package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * How long the activities may run and how soon a silent one counts as lost. Both follow from what
 * the activities do, not from who calls them, so every workflow starts from these and adds only its
 * own retry policy and cancellation.
 */
public final class ActivityTimeouts {

  /** Reading the worker's configuration: a local call, retried a few times in place. */
  public static final LocalActivityOptions SETTINGS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
          .build();

  private ActivityTimeouts() {}

  /**
   * A plain API call (resolving a cluster). The worker keeps such activities heartbeating while
   * they run, so a crashed worker is noticed after the heartbeat timeout, not the whole minute.
   */
  public static ActivityOptions.Builder apiCall() {
    return timeouts(Duration.ofSeconds(60), Duration.ofSeconds(20));
  }

  /**
   * The direct database driver: bounded waits inside (a create slot, a per-role lock, Postgres' own
   * wait for the template) make it slower than a plain API call. The worker keeps it heartbeating
   * while it waits, so a crashed worker is noticed after the heartbeat timeout.
   */
  public static ActivityOptions.Builder database() {
    return timeouts(Duration.ofMinutes(3), Duration.ofSeconds(20));
  }

  /**
   * Waits on slow systems (a composite becoming Ready, a namespace disappearing). They heartbeat
   * each time they look again, so a crashed worker is noticed after the heartbeat timeout, not
   * after the whole wait.
   */
  public static ActivityOptions.Builder waiting() {
    return timeouts(Duration.ofMinutes(45), Duration.ofSeconds(30));
  }

  private static ActivityOptions.Builder timeouts(Duration startToClose, Duration heartbeat) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(heartbeat);
  }
}
