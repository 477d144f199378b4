package dev.envforge.activities.temporal;

import io.temporal.activity.Activity;
import java.time.Duration;

/**
 * How long an activity may wait inside one attempt (for a lock, a slot, a permission to take
 * effect). A local activity holds its workflow's task open while it runs: past a few seconds the
 * SDK has to keep that task alive with extra workflow tasks, and a crashed worker is only noticed
 * when the task times out. So a local activity waits briefly and leaves a longer wait to its step's
 * retries, which the status shows as attempts; a regular activity waits as long as it was given.
 */
public final class ActivityPatience {

  /** Well inside the workflow task's timeout (10 s by default) and its heartbeat at 8 s. */
  public static final Duration LOCAL = Duration.ofSeconds(3);

  private ActivityPatience() {}

  /** {@code patience}, or less when the calling thread runs a local activity. */
  public static Duration within(Duration patience) {
    return runningLocally() && patience.compareTo(LOCAL) > 0 ? LOCAL : patience;
  }

  /** Whether the calling thread runs a local activity; false outside Temporal (as in tests). */
  public static boolean runningLocally() {
    try {
      return Activity.getExecutionContext().getInfo().isLocal();
    } catch (IllegalStateException notInAnActivity) {
      return false;
    }
  }
}
