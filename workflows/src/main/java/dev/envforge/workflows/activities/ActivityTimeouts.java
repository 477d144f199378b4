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

  /** How long a plain API call may run. */
  private static final Duration API_CALL = Duration.ofSeconds(60);

  /** How long the direct database driver may run, its bounded inner waits included. */
  private static final Duration DATABASE = Duration.ofMinutes(3);

  private ActivityTimeouts() {}

  /**
   * A plain API call (resolving a cluster). The worker keeps such activities heartbeating while
   * they run, so a crashed worker is noticed after the heartbeat timeout, not the whole minute.
   */
  public static ActivityOptions.Builder apiCall() {
    return timeouts(API_CALL, Duration.ofSeconds(20));
  }

  /**
   * A plain API call run as a local activity, within the workflow task that asked for it. There is
   * no heartbeat timeout: a crashed worker's workflow task times out and the next worker runs the
   * call again.
   */
  public static LocalActivityOptions.Builder localApiCall() {
    return LocalActivityOptions.newBuilder().setStartToCloseTimeout(API_CALL);
  }

  /**
   * The direct database driver: bounded waits inside (a create slot, a per-role lock, Postgres' own
   * wait for the template) make it slower than a plain API call. The worker keeps it heartbeating
   * while it waits, so a crashed worker is noticed after the heartbeat timeout.
   */
  public static ActivityOptions.Builder database() {
    return timeouts(DATABASE, Duration.ofSeconds(20));
  }

  /**
   * The direct database driver run as a local activity. Its inner waits are shorter there (a local
   * activity holds its workflow task open), so it normally ends in well under a second.
   */
  public static LocalActivityOptions.Builder localDatabase() {
    return LocalActivityOptions.newBuilder().setStartToCloseTimeout(DATABASE);
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
