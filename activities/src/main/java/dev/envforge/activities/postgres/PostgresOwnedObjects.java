package dev.envforge.activities.postgres;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The databases and roles on one Postgres server whose comment says envforge made them for an
 * environment: what the reaper looks for once an environment's namespace is gone. Only reads.
 */
public final class PostgresOwnedObjects {

  private static final String DATABASES =
      "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
          + " WHERE shobj_description(oid, 'pg_database') LIKE ?";
  private static final String ROLES =
      "SELECT rolname, shobj_description(oid, 'pg_authid') FROM pg_roles"
          + " WHERE shobj_description(oid, 'pg_authid') LIKE ?";

  private final PostgresServer server;

  public PostgresOwnedObjects(PostgresServer server) {
    this.server = server;
  }

  /**
   * A database and its role of the same name, as far as either exists, and the environment their
   * comment names.
   */
  public record Owned(String name, String environmentId, boolean database, boolean role) {}

  /** Every envforge-owned database or role, by name (a database and its role share one). */
  public List<Owned> list() {
    Map<String, Owned> byName = new TreeMap<>();
    try (AdminSession admin = AdminSession.open(server)) {
      for (String[] row : admin.query("listing envforge's databases", DATABASES, pattern())) {
        environmentOf(row[1])
            .ifPresent(id -> byName.merge(row[0], new Owned(row[0], id, true, false), this::both));
      }
      for (String[] row : admin.query("listing envforge's roles", ROLES, pattern())) {
        environmentOf(row[1])
            .ifPresent(id -> byName.merge(row[0], new Owned(row[0], id, false, true), this::both));
      }
    }
    return List.copyOf(byName.values());
  }

  /** Whether the database or role {@code name} is still there and still the environment's own. */
  public boolean stillOwned(String name, String environmentId) {
    try (AdminSession admin = AdminSession.open(server)) {
      return admin
              .database(name)
              .map(d -> OwnershipComment.names(d.comment(), environmentId))
              .orElse(false)
          || admin
              .role(name)
              .map(r -> OwnershipComment.names(r.comment(), environmentId))
              .orElse(false);
    }
  }

  /** A database and a role of one name whose comments name different environments stay apart. */
  private Owned both(Owned first, Owned second) {
    if (!first.environmentId().equals(second.environmentId())) {
      return first;
    }
    return new Owned(
        first.name(),
        first.environmentId(),
        first.database() || second.database(),
        first.role() || second.role());
  }

  private static String pattern() {
    // The prefix holds no LIKE wildcards today; escaping '_' keeps that true if it ever does.
    return OwnershipComment.PREFIX.replace("_", "\\_") + "%";
  }

  private static Optional<String> environmentOf(String comment) {
    return OwnershipComment.environmentOf(comment).filter(id -> !id.isBlank());
  }
}
