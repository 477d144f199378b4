package dev.envforge.workflows.request;

import java.time.Duration;

/**
 * The bounds a request is checked against; the same values configure the worker and the API.
 *
 * @param namespacePrefix prepended to {@code <team>-<name>} to form the namespace (may be empty)
 */
public record RequestLimits(String namespacePrefix, Duration defaultTtl, Duration maxTtl) {

  public static final Duration MIN_TTL = Duration.ofMinutes(5);
}
