package dev.envforge.activities.postgres;

import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.secret.ConnectionSecret;
import dev.envforge.activities.secret.ConnectionSecretReader;
import dev.envforge.activities.secret.ConnectionSecretWriter;
import dev.envforge.activities.secret.DatabaseCredentials;
import dev.envforge.activities.temporal.ActivityPatience;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.PostgresActivities;
import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code direct} database driver: a login role and a database it owns on one Postgres server,
 * and the app-facing Secret in the environment's namespace.
 *
 * <p>Ownership is recorded as a comment on the role and the database naming the environment; an
 * object by the same name whose comment names anything else is never changed or dropped.
 */
public final class DirectPostgresActivities implements PostgresActivities {

  private static final Logger log = LoggerFactory.getLogger(DirectPostgresActivities.class);

  /**
   * How long a run waits for another run on the same role (a retry racing a slow attempt); a local
   * activity waits less and leaves the rest to its step's retries.
   */
  private static final Duration ROLE_LOCK_PATIENCE = Duration.ofSeconds(30);

  private final PostgresServer server;
  private final ClusterClients clusters;
  private final PasswordGenerator passwords;
  private final CreateDatabaseGate createGate;

  public DirectPostgresActivities(PostgresServer server, ClusterClients clusters) {
    this(
        server,
        clusters,
        new PasswordGenerator(),
        new CreateDatabaseGate(server.maxParallelCreates()));
  }

  DirectPostgresActivities(
      PostgresServer server,
      ClusterClients clusters,
      PasswordGenerator passwords,
      CreateDatabaseGate createGate) {
    this.server = server;
    this.clusters = clusters;
    this.passwords = passwords;
    this.createGate = createGate;
  }

  /**
   * Safe to run again after a crash at any point: the Secret is written before the role gets its
   * password, and a rerun takes the password back from the Secret, so the role and the Secret never
   * disagree for long and the password is never lost.
   */
  @Override
  public DatabaseRef ensureDatabase(DatabaseSpec spec) {
    DatabaseSpecCheck.validate(spec);
    String environmentId = spec.labels().environmentId();
    String role = spec.roleName();
    String database = spec.databaseName();
    KubernetesClient cluster = clusters.forCluster(spec.cluster());

    try (AdminSession admin = AdminSession.open(server)) {
      admin.lock(role, ActivityPatience.within(ROLE_LOCK_PATIENCE));
      Optional<ExistingRole> existingRole = admin.role(role);
      Ownership roleOwnership = Ownership.ofRole(existingRole, environmentId);
      refuseForeign("role", role, roleOwnership, existingRole.map(ExistingRole::comment), spec);
      Optional<ExistingDatabase> existingDatabase = admin.database(database);
      Ownership databaseOwnership =
          Ownership.ofDatabase(existingDatabase, role, roleOwnership, environmentId);
      refuseForeign(
          "database",
          database,
          databaseOwnership,
          existingDatabase.map(ExistingDatabase::comment),
          spec);

      String password =
          ConnectionSecretReader.read(cluster, spec.namespace(), spec.secretName(), spec.labels())
              .filter(stored -> stored.username().equals(role))
              .map(DatabaseCredentials::password)
              .orElseGet(passwords::generate);
      DatabaseCredentials credentials =
          new DatabaseCredentials(server.appHost(), server.appPort(), database, role, password);
      // The Secret first: once the role has this password, the Secret already holds it.
      ConnectionSecretWriter.apply(cluster, ConnectionSecret.desired(spec, credentials));

      ensureRole(admin, role, password, roleOwnership, environmentId);
      if (!admin.isSuperuser()) {
        admin.execute(
            "making the admin a member of role \"" + role + "\"",
            PostgresSql.grantRoleToAdmin(role));
      }
      ensureOwnedDatabase(admin, database, role, existingDatabase, environmentId);
    }
    return new DatabaseRef(server.appHost(), server.appPort(), database, role, spec.secretName());
  }

  private void ensureRole(
      AdminSession admin, String role, String password, Ownership ownership, String environmentId) {
    if (ownership == Ownership.ABSENT) {
      // One transaction, so that a role without envforge's comment was never envforge's.
      admin.inTransaction(
          "creating role \"" + role + "\"",
          () -> {
            admin.execute("creating role \"" + role + "\"", PostgresSql.createRole(role));
            admin.setPassword(role, password);
            admin.execute(
                "commenting role \"" + role + "\"",
                PostgresSql.commentOnRole(role, OwnershipComment.of(environmentId)));
          });
      log.info("Created Postgres role {} for environment {}", role, environmentId);
    } else {
      admin.execute("allowing role \"" + role + "\" to log in", PostgresSql.allowLogin(role));
      admin.setPassword(role, password);
    }
  }

  private void ensureOwnedDatabase(
      AdminSession admin,
      String database,
      String role,
      Optional<ExistingDatabase> existing,
      String environmentId) {
    if (existing.isEmpty()) {
      try {
        createGate.create(
            database, () -> admin.executeRaw(PostgresSql.createDatabase(database, role)));
      } catch (SQLException e) {
        throw PostgresFailures.translate("creating database \"" + database + "\"", e, false);
      }
      log.info("Created Postgres database {} for environment {}", database, environmentId);
    } else if (!role.equals(existing.get().owner())) {
      admin.execute(
          "giving database \"" + database + "\" to role \"" + role + "\"",
          PostgresSql.changeOwner(database, role));
    }
    admin.execute(
        "commenting database \"" + database + "\"",
        PostgresSql.commentOnDatabase(database, OwnershipComment.of(environmentId)));
    admin.execute(
        "revoking public access to database \"" + database + "\"",
        PostgresSql.revokeAllFromPublic(database));
    admin.execute(
        "granting role \"" + role + "\" CONNECT on database \"" + database + "\"",
        PostgresSql.grantConnect(database, role));
  }

  @Override
  public void dropDatabase(DatabaseSpec spec) {
    DatabaseSpecCheck.validate(spec);
    String environmentId = spec.labels().environmentId();
    String role = spec.roleName();
    String database = spec.databaseName();

    try (AdminSession admin = AdminSession.open(server)) {
      admin.lock(role, ActivityPatience.within(ROLE_LOCK_PATIENCE));
      Optional<ExistingRole> existingRole = admin.role(role);
      Ownership roleOwnership = Ownership.ofRole(existingRole, environmentId);
      Optional<ExistingDatabase> existingDatabase = admin.database(database);
      Ownership databaseOwnership =
          Ownership.ofDatabase(existingDatabase, role, roleOwnership, environmentId);

      if (databaseOwnership == Ownership.OURS) {
        if (roleOwnership == Ownership.OURS && !admin.isSuperuser()) {
          // Only members of the owning role may drop the database or end its sessions.
          admin.execute(
              "making the admin a member of role \"" + role + "\"",
              PostgresSql.grantRoleToAdmin(role));
        }
        int ended = admin.terminateSessionsOnDatabase(database);
        admin.execute("dropping database \"" + database + "\"", PostgresSql.dropDatabase(database));
        log.info(
            "Dropped Postgres database {} of environment {} ({} sessions ended)",
            database,
            environmentId,
            ended);
      } else if (databaseOwnership == Ownership.FOREIGN) {
        log.warn(
            "Not dropping Postgres database {}: it belongs to {}, not environment {}",
            database,
            OwnershipComment.describeOwner(existingDatabase.get().comment()),
            environmentId);
      }

      if (roleOwnership == Ownership.OURS) {
        admin.terminateSessionsOfRole(role);
        admin.execute("dropping role \"" + role + "\"", PostgresSql.dropRole(role));
        log.info("Dropped Postgres role {} of environment {}", role, environmentId);
      } else if (roleOwnership == Ownership.FOREIGN) {
        log.warn(
            "Not dropping Postgres role {}: it belongs to {}, not environment {}",
            role,
            OwnershipComment.describeOwner(existingRole.get().comment()),
            environmentId);
      }
    }

    // The Secret goes with the namespace; when the namespace outlives the database, remove it too.
    KubernetesClient cluster = clusters.forCluster(spec.cluster());
    ConnectionSecretWriter.deleteIfOwned(
        cluster, spec.namespace(), spec.secretName(), spec.labels());
  }

  private static void refuseForeign(
      String kind, String name, Ownership ownership, Optional<String> comment, DatabaseSpec spec) {
    if (ownership == Ownership.FOREIGN) {
      throw EnvironmentFailure.DATABASE_CONFLICT.failure(
          "Postgres "
              + kind
              + " \""
              + name
              + "\" already exists and belongs to "
              + OwnershipComment.describeOwner(comment.orElse(null))
              + ", not to environment '"
              + spec.labels().environmentId()
              + "'");
    }
  }
}
