package dev.envforge.workflows.activities;

import dev.envforge.workflows.lifecycle.ApprovalPolicy;
import dev.envforge.workflows.lifecycle.SleepPolicy;
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
 * @param argoCdRegistration READY environments are registered with Argo CD; false in runs recorded
 *     before there was the choice
 * @param approval which requests wait for approval; null in runs recorded before there was one,
 *     which need none (see {@link #approvalPolicy()})
 * @param sleep which profiles sleep on a schedule; null in runs recorded before, which have none
 */
public record EnvironmentSettings(
    String namespacePrefix,
    Duration defaultTtl,
    Duration maxTtl,
    Duration expiryWarning,
    TtlPolicy ttlPolicy,
    CapabilityDefaults capabilityDefaults,
    boolean argoCdRegistration,
    ApprovalPolicy approval,
    SleepPolicy sleep) {

  /** Settings from before capabilities, Argo CD registration, approvals and sleep schedules. */
  public EnvironmentSettings(
      String namespacePrefix,
      Duration defaultTtl,
      Duration maxTtl,
      Duration expiryWarning,
      TtlPolicy ttlPolicy) {
    this(namespacePrefix, defaultTtl, maxTtl, expiryWarning, ttlPolicy, null, false, null, null);
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
    return of(namespacePrefix, ttlPolicy, expiryWarning).withCapabilityDefaults(capabilityDefaults);
  }

  /** These settings with the capabilities each profile gets by default. */
  public EnvironmentSettings withCapabilityDefaults(CapabilityDefaults defaults) {
    return new EnvironmentSettings(
        namespacePrefix,
        defaultTtl,
        maxTtl,
        expiryWarning,
        ttlPolicy,
        defaults,
        argoCdRegistration,
        approval,
        sleep);
  }

  /** These settings, with READY environments registered with Argo CD or not. */
  public EnvironmentSettings withArgoCdRegistration(boolean registered) {
    return new EnvironmentSettings(
        namespacePrefix,
        defaultTtl,
        maxTtl,
        expiryWarning,
        ttlPolicy,
        capabilityDefaults,
        registered,
        approval,
        sleep);
  }

  /** These settings with an approval policy and sleep schedules. */
  public EnvironmentSettings withLifecycle(ApprovalPolicy approval, SleepPolicy sleep) {
    return new EnvironmentSettings(
        namespacePrefix,
        defaultTtl,
        maxTtl,
        expiryWarning,
        ttlPolicy,
        capabilityDefaults,
        argoCdRegistration,
        approval,
        sleep);
  }

  /** The approval policy; none in runs recorded before there was one. */
  public ApprovalPolicy approvalPolicy() {
    return approval == null ? ApprovalPolicy.none() : approval;
  }

  /** The sleep schedules; none in runs recorded before there were any. */
  public SleepPolicy sleepPolicy() {
    return sleep == null ? SleepPolicy.none() : sleep;
  }

  public RequestLimits limits() {
    return ttlPolicy == null
        ? new RequestLimits(
            namespacePrefix, TtlPolicy.global(defaultTtl, maxTtl), capabilityDefaults)
        : new RequestLimits(namespacePrefix, ttlPolicy, capabilityDefaults);
  }
}
