package dev.envforge.workflows.activities;

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
 * @param argoCdRegistration READY environments are registered with Argo CD; false in runs recorded
 *     before there was the choice
 */
public record EnvironmentSettings(
    String namespacePrefix,
    Duration defaultTtl,
    Duration maxTtl,
    Duration expiryWarning,
    TtlPolicy ttlPolicy,
    boolean argoCdRegistration) {

  /** Settings without Argo CD registration. */
  public EnvironmentSettings(
      String namespacePrefix,
      Duration defaultTtl,
      Duration maxTtl,
      Duration expiryWarning,
      TtlPolicy ttlPolicy) {
    this(namespacePrefix, defaultTtl, maxTtl, expiryWarning, ttlPolicy, false);
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

  /** These settings, with READY environments registered with Argo CD or not. */
  public EnvironmentSettings withArgoCdRegistration(boolean registered) {
    return new EnvironmentSettings(
        namespacePrefix, defaultTtl, maxTtl, expiryWarning, ttlPolicy, registered);
  }

  public RequestLimits limits() {
    return ttlPolicy == null
        ? new RequestLimits(namespacePrefix, defaultTtl, maxTtl)
        : new RequestLimits(namespacePrefix, ttlPolicy);
  }
}
