package dev.envforge.activities.temporal;

import io.temporal.activity.Activity;

/**
 * Tells Temporal that a long wait is still alive. Injected so that the activity class also runs
 * outside a Temporal activity (in tests), where there is no execution context to heartbeat to.
 */
@FunctionalInterface
public interface Heartbeat {

  /**
   * Records progress; {@code details} end up in workflow history, so they never hold secrets. Under
   * Temporal this throws when the activity was cancelled, which ends the wait.
   */
  void beat(Object details);

  /** Heartbeats to the Temporal activity that is running on the calling thread. */
  static Heartbeat temporal() {
    return details -> Activity.getExecutionContext().heartbeat(details);
  }

  static Heartbeat none() {
    return details -> {};
  }
}
