package dev.envforge.activities.crossplane;

import dev.envforge.workflows.request.Profile;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How envforge uses Crossplane. Every field has a default; {@code null} picks it.
 *
 * @param connectionSecretNamespace where, in the management cluster, dedicated clusters' kubeconfig
 *     Secrets are written (must exist; envforge's own namespace by convention)
 * @param readyPatience how long one activity attempt waits for a composite to become Ready (or to
 *     disappear) before giving up
 * @param pollInterval how often a waiting activity looks at the composite again (and heartbeats)
 * @param clusterNodeCounts worker nodes of a dedicated cluster per profile
 * @param clusterRegion region of dedicated clusters, or {@code null} for the Composition's default
 * @param databaseVersion major version of composite Postgres databases
 * @param databaseStorageGb storage of composite databases, in GiB
 */
public record CrossplaneSettings(
    String connectionSecretNamespace,
    Duration readyPatience,
    Duration pollInterval,
    Map<Profile, Integer> clusterNodeCounts,
    String clusterRegion,
    String databaseVersion,
    Integer databaseStorageGb) {

  public static final String DEFAULT_CONNECTION_SECRET_NAMESPACE = "envforge-system";
  public static final Duration DEFAULT_READY_PATIENCE = Duration.ofMinutes(20);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  public static final String DEFAULT_DATABASE_VERSION = "16";
  public static final int DEFAULT_DATABASE_STORAGE_GB = 20;

  public CrossplaneSettings {
    connectionSecretNamespace =
        blank(connectionSecretNamespace)
            ? DEFAULT_CONNECTION_SECRET_NAMESPACE
            : connectionSecretNamespace;
    readyPatience = positive(readyPatience, DEFAULT_READY_PATIENCE, "readyPatience");
    pollInterval = positive(pollInterval, DEFAULT_POLL_INTERVAL, "pollInterval");
    Map<Profile, Integer> counts = new EnumMap<>(defaultNodeCounts());
    if (clusterNodeCounts != null) {
      counts.putAll(clusterNodeCounts);
    }
    counts.forEach(
        (profile, count) -> {
          if (count == null || count < 1) {
            throw new IllegalArgumentException(
                "clusterNodeCounts[" + profile + "] must be at least 1, not " + count);
          }
        });
    clusterNodeCounts = Map.copyOf(counts);
    clusterRegion = blank(clusterRegion) ? null : clusterRegion;
    databaseVersion = blank(databaseVersion) ? DEFAULT_DATABASE_VERSION : databaseVersion;
    databaseStorageGb = databaseStorageGb == null ? DEFAULT_DATABASE_STORAGE_GB : databaseStorageGb;
    if (databaseStorageGb < 1) {
      throw new IllegalArgumentException("databaseStorageGb must be at least 1");
    }
  }

  /**
   * The settings that matter most; the rest take their defaults. A factory, not a second
   * constructor: Spring binds {@code envforge.crossplane.*} through the record's only constructor.
   */
  public static CrossplaneSettings of(
      String connectionSecretNamespace, Duration readyPatience, Duration pollInterval) {
    return new CrossplaneSettings(
        connectionSecretNamespace, readyPatience, pollInterval, null, null, null, null);
  }

  public static CrossplaneSettings defaults() {
    return of(null, null, null);
  }

  public int nodeCount(Profile profile) {
    return clusterNodeCounts.get(profile);
  }

  private static Map<Profile, Integer> defaultNodeCounts() {
    return Map.of(Profile.SMALL, 1, Profile.MEDIUM, 2, Profile.LARGE, 3);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
    return value;
  }
}
