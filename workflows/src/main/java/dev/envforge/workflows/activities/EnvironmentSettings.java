package dev.envforge.workflows.activities;

import dev.envforge.workflows.request.RequestLimits;
import java.time.Duration;

/**
 * Worker configuration the workflow decides with.
 *
 * @param expiryWarning how long before expiry the environment is flagged as expiring
 */
public record EnvironmentSettings(
    String namespacePrefix, Duration defaultTtl, Duration maxTtl, Duration expiryWarning) {

  public RequestLimits limits() {
    return new RequestLimits(namespacePrefix, defaultTtl, maxTtl);
  }
}
