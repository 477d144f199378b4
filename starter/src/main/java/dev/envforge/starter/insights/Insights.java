package dev.envforge.starter.insights;

import java.util.Map;

/**
 * The delivery figures of one window. Durations are in seconds; a figure with nothing to count is
 * null.
 *
 * @param requested environment runs started in the window
 * @param ready of those, the ones that became READY
 * @param failed of those, the ones whose provisioning failed for good
 * @param failuresByType the failed ones by failure type (e.g. {@code UNKNOWN_CLUSTER})
 * @param changeFailureRate failed / (ready + failed); null when none settled
 * @param timeToReady from the request to READY
 * @param timeToRestore from a failed environment's end to the next READY one of the same name
 * @param lifetimes from READY to the end, of the environments that have ended
 * @param extensions how often expiries were moved
 * @param live running environments per team, now (not bound to the window)
 */
public record Insights(
    long requested,
    long ready,
    long failed,
    Map<String, Long> failuresByType,
    Double changeFailureRate,
    Spread timeToReady,
    Restore timeToRestore,
    Lifetimes lifetimes,
    Extensions extensions,
    Map<String, Long> live) {

  /**
   * @param count how many durations
   */
  public record Spread(long count, Double p50Seconds, Double p95Seconds, Double meanSeconds) {}

  /**
   * @param restored failed environments followed by a READY one of the same name
   * @param unrestored failed environments not (yet) followed by one
   */
  public record Restore(long restored, long unrestored, Double meanSeconds) {}

  /**
   * @param ended environments that were READY and have ended
   */
  public record Lifetimes(long ended, Double meanSeconds, Double maxSeconds) {}

  /**
   * @param perReadyEnvironment total / ready; null when none became READY
   */
  public record Extensions(long total, Double perReadyEnvironment) {}
}
