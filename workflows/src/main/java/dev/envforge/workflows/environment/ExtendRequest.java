package dev.envforge.workflows.environment;

import java.time.Instant;

/**
 * Moves an environment's expiry: either by a duration from the current expiry, or to an instant.
 * Exactly one of the two is set.
 *
 * @param by an ISO-8601 duration added to the current expiry
 */
public record ExtendRequest(String by, Instant until) {

  public static ExtendRequest by(String duration) {
    return new ExtendRequest(duration, null);
  }

  public static ExtendRequest until(Instant instant) {
    return new ExtendRequest(null, instant);
  }
}
