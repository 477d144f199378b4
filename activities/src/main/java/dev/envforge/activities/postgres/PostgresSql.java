package dev.envforge.activities.postgres;

import java.nio.charset.StandardCharsets;

/**
 * The SQL text of every statement envforge runs with identifiers in it. DDL takes no bind
 * parameters, so names are quoted here, and nothing else is ever concatenated into SQL. Pure.
 */
final class PostgresSql {

  /** Postgres silently truncates longer identifiers, which would make two names collide. */
  static final int MAX_IDENTIFIER_BYTES = 63;

  private PostgresSql() {}

  /** A double-quoted identifier: inner double quotes are doubled, case is kept. */
  static String identifier(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a Postgres identifier cannot be empty");
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a Postgres identifier cannot contain NUL");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
      throw new IllegalArgumentException(
          "a Postgres identifier has at most " + MAX_IDENTIFIER_BYTES + " bytes: " + name);
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * A string literal: single quotes are doubled; a value with a backslash becomes an escape string
   * (E'...') with doubled backslashes, which reads the same whatever {@code
   * standard_conforming_strings} is.
   */
  static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a Postgres string cannot contain NUL");
    }
    boolean escape = value.indexOf('\\') >= 0;
    StringBuilder quoted = new StringBuilder(value.length() + 3);
    if (escape) {
      quoted.append('E');
    }
    quoted.append('\'');
    for (char c : value.toCharArray()) {
      if (c == '\'') {
        quoted.append("''");
      } else if (c == '\\') {
        quoted.append("\\\\");
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('\'').toString();
  }

  /** The role starts without a password; it is set separately, already hashed. */
  static String createRole(String role) {
    return "CREATE ROLE " + identifier(role) + " LOGIN";
  }

  static String allowLogin(String role) {
    return "ALTER ROLE " + identifier(role) + " WITH LOGIN";
  }

  static String commentOnRole(String role, String comment) {
    return "COMMENT ON ROLE " + identifier(role) + " IS " + literal(comment);
  }

  /**
   * Lets a non-superuser admin act as the role: Postgres only lets members create a database owned
   * by a role, drop it, or end its sessions.
   */
  static String grantRoleToAdmin(String role) {
    return "GRANT " + identifier(role) + " TO CURRENT_USER";
  }

  static String createDatabase(String database, String owner) {
    return "CREATE DATABASE " + identifier(database) + " OWNER " + identifier(owner);
  }

  static String changeOwner(String database, String owner) {
    return "ALTER DATABASE " + identifier(database) + " OWNER TO " + identifier(owner);
  }

  static String commentOnDatabase(String database, String comment) {
    return "COMMENT ON DATABASE " + identifier(database) + " IS " + literal(comment);
  }

  /** Without this, every role on the server may connect (PUBLIC has CONNECT by default). */
  static String revokeAllFromPublic(String database) {
    return "REVOKE ALL ON DATABASE " + identifier(database) + " FROM PUBLIC";
  }

  static String grantConnect(String database, String role) {
    return "GRANT CONNECT ON DATABASE " + identifier(database) + " TO " + identifier(role);
  }

  /** FORCE (Postgres 13+) ends sessions that connect between termination and the drop. */
  static String dropDatabase(String database) {
    return "DROP DATABASE IF EXISTS " + identifier(database) + " WITH (FORCE)";
  }

  static String dropRole(String role) {
    return "DROP ROLE IF EXISTS " + identifier(role);
  }
}
