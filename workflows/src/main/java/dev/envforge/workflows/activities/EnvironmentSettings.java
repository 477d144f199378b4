package dev.envforge.workflows.activities;

import dev.envforge.workflows.request.CapabilityDefaults;
import dev.envforge.workflows.request.RequestLimits;
import dev.envforge.workflows.request.TtlPolicy;
import java.time.Duration;

/**
 * Worker configuration the workflow decides with.
 *
 * @param defaultTtl the global default TTL (also {@code ttlPolicy}'s)
 * @param maxTtl the global maximum TTL (also {@code ttlPolicy}'s)
 * @param expiryWarning how long before expiry the environment is warned of it
 * @param ttlPolicy the TTL policy per profile and team; null in runs recorded before there was one,
 *     which keep the global values
 * @param capabilityDefaults the capabilities per profile of a request that names none; null in runs
 *     recorded before there were capabilities, which get none
 */
public record EnvironmentSettings(
    String namespacePrefix,
    Duration defaultTtl,
    Duration maxTtl,
    Duration expiryWarning,
    TtlPolicy ttlPolicy,
    CapabilityDefaults capabilityDefaults) {

  /** Settings without default capabilities. */
  public EnvironmentSettings(
      String namespacePrefix,
      Duration defaultTtl,
      Duration maxTtl,
      Duration expiryWarning,
      TtlPolicy ttlPolicy) {
    this(namespacePrefix, defaultTtl, maxTtl, expiryWarning, ttlPolicy, null);
  }

  /** Settings with a global TTL policy only. */
  public EnvironmentSettings(
      String namespacePrefix, Duration defaultTtl, Duration maxTtl, Duration expiryWarning) {
    this(namespacePrefix, defaultTtl, maxTtl, expiryWarning, null);
  }

  /** Settings whose global TTL values are the policy's. */
  public static EnvironmentSettings of(
      String namespacePrefix, TtlPolicy ttlPolicy, Duration expiryWarning) {
    return new EnvironmentSettings(
        namespacePrefix, ttlPolicy.defaultTtl(), ttlPolicy.maxTtl(), expiryWarning, ttlPolicy);
  }

  /** Settings whose global TTL values are the policy's, with default capabilities. */
  public static EnvironmentSettings of(
      String namespacePrefix,
      TtlPolicy ttlPolicy,
      Duration expiryWarning,
      CapabilityDefaults capabilityDefaults) {
    return new EnvironmentSettings(
        namespacePrefix,
        ttlPolicy.defaultTtl(),
        ttlPolicy.maxTtl(),
        expiryWarning,
        ttlPolicy,
        capabilityDefaults);
  }

  public RequestLimits limits() {
    return ttlPolicy == null
        ? new RequestLimits(
            namespacePrefix, TtlPolicy.global(defaultTtl, maxTtl), capabilityDefaults)
        : new RequestLimits(namespacePrefix, ttlPolicy, capabilityDefaults);
  }
}
