package dev.envforge.activities.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * One admin connection to the Postgres server, opened per activity call, with the few operations
 * the direct driver needs. Every SQLException leaves here translated by {@link PostgresFailures}.
 */
final class AdminSession implements AutoCloseable {

  private static final Duration LOCK_POLL = Duration.ofMillis(200);

  private final Connection connection;
  private Long heldLock;

  private AdminSession(Connection connection) {
    this.connection = connection;
  }

  static AdminSession open(PostgresServer server) {
    Properties properties = new Properties();
    properties.setProperty("user", server.adminUser());
    properties.setProperty("password", server.adminPassword());
    properties.setProperty("ApplicationName", "envforge");
    // Seconds. Bounded so that an unreachable server fails the attempt instead of hanging it.
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("loginTimeout", "15");
    properties.setProperty("socketTimeout", "120");
    try {
      return new AdminSession(DriverManager.getConnection(server.adminUrl(), properties));
    } catch (SQLException e) {
      throw PostgresFailures.translate(
          "connecting to Postgres as '" + server.adminUser() + "'", e, false);
    }
  }

  /**
   * Serialises envforge's work on one role across workers: two runs of the same activity (a retry
   * racing a slow first attempt) must not hand out different passwords. Released on close.
   */
  void lock(String roleName, Duration patience) {
    long key = RoleLock.key(roleName);
    long deadline = System.nanoTime() + patience.toNanos();
    try (PreparedStatement tryLock =
        connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      tryLock.setLong(1, key);
      while (true) {
        try (ResultSet rows = tryLock.executeQuery()) {
          rows.next();
          if (rows.getBoolean(1)) {
            heldLock = key;
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new PostgresOperationException(
              "another envforge worker has been working on role \""
                  + roleName
                  + "\" for more than "
                  + patience,
              null);
        }
        Thread.sleep(LOCK_POLL.toMillis());
      }
    } catch (SQLException e) {
      throw PostgresFailures.translate("locking role \"" + roleName + "\"", e, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostgresOperationException(
          "interrupted while locking role \"" + roleName + "\"", null);
    }
  }

  boolean isSuperuser() {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
      return rows.next() && rows.getBoolean(1);
    } catch (SQLException e) {
      throw PostgresFailures.translate("reading the admin role's attributes", e, false);
    }
  }

  Optional<ExistingRole> role(String name) {
    String sql =
        "SELECT rolname, shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? Optional.of(new ExistingRole(rows.getString(1), rows.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw PostgresFailures.translate("looking up role \"" + name + "\"", e, false);
    }
  }

  Optional<ExistingDatabase> database(String name) {
    String sql =
        "SELECT datname, pg_get_userbyid(datdba), shobj_description(oid, 'pg_database')"
            + " FROM pg_database WHERE datname = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? Optional.of(
                new ExistingDatabase(rows.getString(1), rows.getString(2), rows.getString(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw PostgresFailures.translate("looking up database \"" + name + "\"", e, false);
    }
  }

  /** Runs a query of two text columns with one text parameter; holds names, never a secret. */
  java.util.List<String[]> query(String action, String sql, String parameter) {
    try {
      java.util.List<String[]> rows = new java.util.ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        query.setString(1, parameter);
        try (ResultSet result = query.executeQuery()) {
          while (result.next()) {
            rows.add(new String[] {result.getString(1), result.getString(2)});
          }
        }
      }
      return rows;
    } catch (SQLException e) {
      throw PostgresFailures.translate(action, e, false);
    }
  }

  /** Runs one statement that holds names but no secret. */
  void execute(String action, String sql) {
    try {
      executeRaw(sql);
    } catch (SQLException e) {
      throw PostgresFailures.translate(action, e, false);
    }
  }

  /** Runs one statement as is, for callers that translate failures themselves. */
  void executeRaw(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Sets the role's password. The driver hashes it (SCRAM, or whatever {@code password_encryption}
   * says) before sending, so the clear password reaches neither the wire nor the server's statement
   * log.
   */
  void setPassword(String role, String password) {
    try {
      connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), null);
    } catch (SQLException e) {
      throw PostgresFailures.translate("setting the password of role \"" + role + "\"", e, true);
    }
  }

  /** Runs {@code work} in one transaction: all of it or, on any failure, none of it. */
  void inTransaction(String action, Runnable work) {
    try {
      connection.setAutoCommit(false);
      try {
        work.run();
        connection.commit();
      } catch (RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw PostgresFailures.translate(action, e, false);
    }
  }

  /** Ends every other session on {@code database}; returns how many there were. */
  int terminateSessionsOnDatabase(String database) {
    return terminate(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE datname = ? AND pid <> pg_backend_pid()",
        database,
        "ending the sessions on database \"" + database + "\"");
  }

  /** Ends every session logged in as {@code role}, whatever database it is on. */
  int terminateSessionsOfRole(String role) {
    return terminate(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE usename = ? AND pid <> pg_backend_pid()",
        role,
        "ending the sessions of role \"" + role + "\"");
  }

  private int terminate(String sql, String name, String action) {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw PostgresFailures.translate(action, e, false);
    }
  }

  @Override
  public void close() {
    try {
      if (heldLock != null && !connection.isClosed()) {
        try (PreparedStatement unlock =
            connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
          unlock.setLong(1, heldLock);
          unlock.execute();
        }
      }
    } catch (SQLException e) {
      // Closing the session releases the lock anyway.
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // Nothing left to do with a connection that will not close.
      }
    }
  }
}
