package dev.envforge.workflows.reaper;

import dev.envforge.workflows.activities.ActivityTimeouts;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Options of the reaper's activities. Unlike the environment workflow's steps, these are retried by
 * the server: a sweep has no status of its own to show attempts in, and the next sweep tries again
 * anyway.
 */
final class ReaperActivityOptions {

  private static final RetryOptions FEW_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(20))
          .setMaximumAttempts(5)
          .build();

  /** A page of namespaces and a describe per namespace, or a visibility scan. */
  static final ActivityOptions SURVEY =
      retried(ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(5)));

  /** The re-check before a teardown: two reads. */
  static final ActivityOptions CHECK =
      retried(ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(60)));

  /** Dropping a database (ending its sessions first). */
  static final ActivityOptions DROP_DATABASE = retried(ActivityTimeouts.database());

  /** Deleting a namespace waits, heartbeating, until it is gone (at most the deletion patience). */
  static final ActivityOptions DELETE_NAMESPACE = retried(ActivityTimeouts.waiting());

  /**
   * A sweep's wait until the namespaces its teardowns deleted are gone: heartbeating, as long as
   * the controller-manager keeps deleting them.
   */
  static final ActivityOptions AWAIT_GONE = retried(ActivityTimeouts.waiting());

  /*
   * A teardown that leaves the wait to its sweep makes only short calls; as local activities they
   * cost its run one workflow task instead of one per call. The timeouts are the same calls' as
   * ordinary activities.
   */

  /** The re-check before a teardown. */
  static final LocalActivityOptions LOCAL_CHECK = local(CHECK);

  /** Dropping a database (ending its sessions first). */
  static final LocalActivityOptions LOCAL_DROP_DATABASE = local(DROP_DATABASE);

  /** Requesting a namespace's deletion without waiting for it: a plain API call. */
  static final LocalActivityOptions LOCAL_REQUEST_DELETION =
      local(ActivityTimeouts.apiCall().build());

  static final LocalActivityOptions SETTINGS = ActivityTimeouts.SETTINGS;

  private ReaperActivityOptions() {}

  private static ActivityOptions retried(ActivityOptions.Builder timeouts) {
    return timeouts.setRetryOptions(FEW_RETRIES).build();
  }

  private static LocalActivityOptions local(ActivityOptions timeouts) {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeouts.getStartToCloseTimeout())
        .setRetryOptions(FEW_RETRIES)
        .build();
  }
}
