package dev.envforge.starter.e2e;

import dev.envforge.testing.LocalPlatform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks at, and for test setup and cleanup changes, the local platform's real Postgres through its
 * admin connection, and connects as an application would.
 */
final class PostgresProbe {

  /** A database as the catalog shows it; {@code comment} is null when it has none. */
  record DatabaseEntry(String name, String owner, String comment) {}

  private final LocalPlatform platform;

  PostgresProbe(LocalPlatform platform) {
    this.platform = platform;
  }

  /** {@code database:<name>} and {@code role:<name>} for what exists under exactly that name. */
  List<String> objectsNamed(String name) {
    return query(
        "SELECT 'database:' || datname FROM pg_database WHERE datname = ? "
            + "UNION ALL SELECT 'role:' || rolname FROM pg_roles WHERE rolname = ? ORDER BY 1",
        name);
  }

  Optional<DatabaseEntry> database(String name) {
    try (Connection admin = admin();
        PreparedStatement select =
            admin.prepareStatement(
                "SELECT d.datname, pg_get_userbyid(d.datdba), "
                    + "shobj_description(d.oid, 'pg_database') "
                    + "FROM pg_database d WHERE d.datname = ?")) {
      select.setString(1, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(new DatabaseEntry(row.getString(1), row.getString(2), row.getString(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read database " + name, e);
    }
  }

  /** Connects with an application's login and answers which database it landed in. */
  String currentDatabaseAs(DatabaseLogin login) {
    try (Connection app =
            DriverManager.getConnection(login.jdbcUrl(), login.username(), login.password());
        Statement statement = app.createStatement();
        ResultSet row = statement.executeQuery("SELECT current_database()")) {
      row.next();
      return row.getString(1);
    } catch (SQLException e) {
      throw new AssertionError("cannot connect as " + login + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes a database that someone else owns: its own role as owner and a comment naming the other
   * party, the way envforge marks what it made.
   */
  void createForeignDatabase(String database, String ownerRole, String comment) {
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + identifier(ownerRole) + " NOLOGIN");
      // A non-superuser admin may only create a database for a role it is a member of.
      statement.execute("GRANT " + identifier(ownerRole) + " TO CURRENT_USER");
      statement.execute(
          "CREATE DATABASE " + identifier(database) + " OWNER " + identifier(ownerRole));
      statement.execute("COMMENT ON DATABASE " + identifier(database) + " IS " + literal(comment));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database, e);
    }
  }

  /** Drops every database, then every role, whose name starts with the prefix. */
  void dropEverythingStartingWith(String prefix) {
    List<String> databases =
        query("SELECT datname FROM pg_database WHERE starts_with(datname, ?)", prefix);
    List<String> roles =
        query("SELECT rolname FROM pg_roles WHERE starts_with(rolname, ?)", prefix);
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      for (String database : databases) {
        statement.execute("DROP DATABASE IF EXISTS " + identifier(database) + " WITH (FORCE)");
      }
      for (String role : roles) {
        statement.execute("DROP ROLE IF EXISTS " + identifier(role));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop what starts with " + prefix, e);
    }
  }

  private List<String> query(String sql, String parameter) {
    try (Connection admin = admin();
        PreparedStatement select = admin.prepareStatement(sql)) {
      for (int i = 1; i <= select.getParameterMetaData().getParameterCount(); i++) {
        select.setString(i, parameter);
      }
      try (ResultSet rows = select.executeQuery()) {
        List<String> found = new ArrayList<>();
        while (rows.next()) {
          found.add(rows.getString(1));
        }
        return found;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot query Postgres: " + sql, e);
    }
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(
        platform.postgresUrl(), platform.postgresUser(), platform.postgresPassword());
  }

  private static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
