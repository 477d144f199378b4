package dev.envforge.workflows.environment;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Decides where an extend moves the expiry. The maximum TTL bounds how far ahead of now an expiry
 * may lie, so an environment in use can be kept alive step by step but never parked far in the
 * future. Pure.
 */
public final class ExpiryPolicy {

  /** Why an extend's shape is refused; the API checks the shape first and says the same. */
  public static final String ONE_OF_BY_OR_UNTIL = "give exactly one of 'by' or 'until'";

  public static final String BY_NOT_A_DURATION = "must be an ISO-8601 duration such as PT2H";

  private ExpiryPolicy() {}

  /**
   * The new expiry, or an {@link IllegalArgumentException} whose message names the field.
   *
   * @param now the workflow's current time
   */
  public static Instant extended(
      ExtendRequest request, Instant currentExpiry, Instant now, Duration maxTtl) {
    return extended(request, currentExpiry, now, maxTtl, null);
  }

  /**
   * As {@link #extended(ExtendRequest, Instant, Instant, Duration)}, naming in a refusal where the
   * maximum comes from.
   *
   * @param maxFrom e.g. "profile 'large'"; null for the global maximum
   */
  public static Instant extended(
      ExtendRequest request, Instant currentExpiry, Instant now, Duration maxTtl, String maxFrom) {
    if (request == null || (request.by() == null) == (request.until() == null)) {
      throw new IllegalArgumentException("extend: " + ONE_OF_BY_OR_UNTIL);
    }
    Instant target;
    if (request.by() != null) {
      Duration by;
      try {
        by = Duration.parse(request.by());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("by: " + BY_NOT_A_DURATION);
      }
      if (by.isNegative() || by.isZero()) {
        throw new IllegalArgumentException("by: must be positive");
      }
      target = currentExpiry.plus(by);
    } else {
      target = request.until();
      if (!target.isAfter(now)) {
        throw new IllegalArgumentException("until: must be in the future");
      }
    }
    Instant latest = now.plus(maxTtl);
    if (target.isAfter(latest)) {
      throw new IllegalArgumentException(
          (request.by() != null ? "by" : "until")
              + ": the expiry would be "
              + target
              + ", beyond the maximum TTL of "
              + maxTtl
              + (maxFrom == null ? "" : " for " + maxFrom)
              + " from now ("
              + latest
              + ")");
    }
    return target;
  }
}
