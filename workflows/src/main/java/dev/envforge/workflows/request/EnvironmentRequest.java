package dev.envforge.workflows.request;

import java.util.List;

/**
 * What a user asks for. Absent optional parts are filled by {@link #withDefaults()}: a shared
 * cluster from the registry's default, the small profile, no database. An absent {@code ttl} stays
 * absent here and becomes the TTL policy's default for the team and profile.
 *
 * @param ttl an ISO-8601 duration such as {@code PT8H} or {@code P2D}
 * @param keep never expire by TTL (only where the TTL policy allows it); a kept environment lives
 *     until it is destroyed. Absent (null) means false: boxed so that a body without it is valid
 *     where JSON readers refuse nulls for primitives.
 * @param capabilities the platform capabilities (Dapr components) wanted; absent (null) means the
 *     profile's defaults, an empty list means none
 */
public record EnvironmentRequest(
    String team,
    String name,
    ClusterChoice cluster,
    Profile profile,
    DatabaseChoice database,
    String ttl,
    Boolean keep,
    List<Capability> capabilities) {

  public EnvironmentRequest {
    keep = Boolean.TRUE.equals(keep);
  }

  /** A request that takes its profile's capabilities. */
  public EnvironmentRequest(
      String team,
      String name,
      ClusterChoice cluster,
      Profile profile,
      DatabaseChoice database,
      String ttl,
      Boolean keep) {
    this(team, name, cluster, profile, database, ttl, keep, null);
  }

  /** A request that is not kept. */
  public EnvironmentRequest(
      String team,
      String name,
      ClusterChoice cluster,
      Profile profile,
      DatabaseChoice database,
      String ttl) {
    this(team, name, cluster, profile, database, ttl, false);
  }

  public EnvironmentRequest withDefaults() {
    ClusterChoice placement =
        cluster == null || cluster.mode() == null
            ? new ClusterChoice(ClusterMode.SHARED, cluster == null ? null : cluster.name())
            : cluster;
    DatabaseChoice db;
    if (database == null || database.kind() == null || database.kind() == DatabaseKind.NONE) {
      db = DatabaseChoice.none();
    } else {
      db =
          DatabaseChoice.postgres(
              database.driver() == null ? DatabaseDriver.DIRECT : database.driver());
    }
    return new EnvironmentRequest(
        team,
        name,
        placement,
        profile == null ? Profile.SMALL : profile,
        db,
        ttl,
        keep,
        capabilities);
  }

  /** {@code <team>-<name>}, the environment's id before any namespace prefix. */
  public String environmentId() {
    return team + "-" + name;
  }
}
