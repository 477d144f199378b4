package dev.envforge.activities.access;

import dev.envforge.workflows.activities.ClusterEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How developers' credentials are made.
 *
 * @param maxTtl the longest a token may live, whatever was asked; default 8 hours, at least the API
 *     server's minimum of 10 minutes
 * @param endpoints per shared cluster, the address (and CA) people use to reach its API server,
 *     when it differs from the worker's own (an in-cluster worker reaches it by a service name
 *     nobody outside can use); clusters left out get the worker's
 */
public record AccessSettings(Duration maxTtl, Map<String, ClusterEndpoint> endpoints) {

  public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(8);
  public static final Duration MIN_TTL = Duration.ofMinutes(10);

  public AccessSettings {
    maxTtl = maxTtl == null ? DEFAULT_MAX_TTL : maxTtl;
    if (maxTtl.compareTo(MIN_TTL) < 0) {
      throw new IllegalArgumentException(
          "envforge.access.max-ttl must be at least " + MIN_TTL + ", was " + maxTtl);
    }
    endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
  }

  public static AccessSettings defaults() {
    return new AccessSettings(null, null);
  }

  public Optional<ClusterEndpoint> endpoint(String cluster) {
    return Optional.ofNullable(endpoints.get(cluster));
  }
}
