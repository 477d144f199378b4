package dev.envforge.workflows.request;

import java.time.Duration;

/**
 * The bounds a request is checked against; the same values configure the worker and the API.
 *
 * @param namespacePrefix prepended to {@code <team>-<name>} to form the namespace (may be empty)
 * @param ttl default and maximum TTL and keep permission, per profile and team
 * @param capabilities the capabilities a request that names none gets, per profile
 */
public record RequestLimits(
    String namespacePrefix, TtlPolicy ttl, CapabilityDefaults capabilities) {

  public RequestLimits {
    capabilities = capabilities == null ? CapabilityDefaults.none() : capabilities;
  }

  /** Limits without default capabilities. */
  public RequestLimits(String namespacePrefix, TtlPolicy ttl) {
    this(namespacePrefix, ttl, CapabilityDefaults.none());
  }

  public static final Duration MIN_TTL = Duration.ofMinutes(5);

  /** Limits with one global default and maximum TTL and no keep. */
  public RequestLimits(String namespacePrefix, Duration defaultTtl, Duration maxTtl) {
    this(namespacePrefix, TtlPolicy.global(defaultTtl, maxTtl));
  }

  /** The global default TTL; a request's own is {@link TtlPolicy#boundsFor}'s. */
  public Duration defaultTtl() {
    return ttl.defaultTtl();
  }

  /** The global maximum TTL; a request's own is {@link TtlPolicy#boundsFor}'s. */
  public Duration maxTtl() {
    return ttl.maxTtl();
  }
}
