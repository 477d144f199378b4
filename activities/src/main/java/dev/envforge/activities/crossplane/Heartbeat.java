package dev.envforge.activities.crossplane;

import io.temporal.activity.Activity;

/**
 * Tells Temporal a long wait is still alive. Injected so that tests can run the activities outside
 * an activity context; {@link #temporal()} is what the worker uses.
 */
@FunctionalInterface
public interface Heartbeat {

  /** Records progress; {@code details} must hold no secret (it lands in Temporal's history). */
  void beat(Object details);

  /** Heartbeats the current Temporal activity; throws if the activity was cancelled. */
  static Heartbeat temporal() {
    return details -> Activity.getExecutionContext().heartbeat(details);
  }

  static Heartbeat none() {
    return details -> {};
  }
}
