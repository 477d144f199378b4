package dev.envforge.activities.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;

/**
 * The Postgres server of the {@code direct} database driver.
 *
 * @param adminUrl JDBC URL of the admin connection. It must name the {@code postgres} database (or
 *     another ordinary one), never a template: a session on {@code template1} makes every {@code
 *     CREATE DATABASE} fail with SQLSTATE 55006.
 * @param adminUser role that creates roles and databases (superuser, or CREATEROLE and CREATEDB)
 * @param adminPasswordFile file holding the admin password; read on every connection, so that a
 *     rotated password is picked up and the password never sits in configuration objects
 * @param appHost host written into the app-facing Secret; {@code null} or blank means the admin
 *     URL's host (applications often reach the server under another name than the worker does)
 * @param appPort port written into the Secret; 0 means the admin URL's port
 * @param maxParallelCreates how many {@code CREATE DATABASE} may run at once from this worker; 0
 *     means {@value #DEFAULT_MAX_PARALLEL_CREATES}
 */
public record PostgresServer(
    String adminUrl,
    String adminUser,
    Path adminPasswordFile,
    String appHost,
    int appPort,
    int maxParallelCreates) {

  public static final int DEFAULT_MAX_PARALLEL_CREATES = 2;

  private static final Set<String> TEMPLATES = Set.of("template0", "template1");

  public PostgresServer {
    Objects.requireNonNull(adminUrl, "adminUrl");
    Objects.requireNonNull(adminUser, "adminUser");
    Objects.requireNonNull(adminPasswordFile, "adminPasswordFile");
    Properties parsed = Driver.parseURL(adminUrl, null);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "the Postgres admin URL is not a jdbc:postgresql:// URL: " + withoutQuery(adminUrl));
    }
    String database = parsed.getProperty("PGDBNAME", "");
    if (TEMPLATES.contains(database.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "the Postgres admin URL must name the 'postgres' database, not the template '"
              + database
              + "': sessions on a template block CREATE DATABASE");
    }
    if (appHost == null || appHost.isBlank()) {
      appHost = first(parsed.getProperty("PGHOST", "localhost"));
    }
    if (appPort == 0) {
      appPort = Integer.parseInt(first(parsed.getProperty("PGPORT", "5432")));
    }
    if (appPort < 1 || appPort > 65535) {
      throw new IllegalArgumentException("appPort " + appPort + " is not a TCP port");
    }
    if (maxParallelCreates == 0) {
      maxParallelCreates = DEFAULT_MAX_PARALLEL_CREATES;
    }
    if (maxParallelCreates < 0) {
      throw new IllegalArgumentException("maxParallelCreates must be positive");
    }
  }

  /** A server whose applications reach it where the admin does, with default limits. */
  public static PostgresServer of(String adminUrl, String adminUser, Path adminPasswordFile) {
    return new PostgresServer(adminUrl, adminUser, adminPasswordFile, null, 0, 0);
  }

  /** Reads the admin password from its file. Callers must not keep or log it. */
  String adminPassword() {
    try {
      return Files.readString(adminPasswordFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the Postgres admin password file " + adminPasswordFile, e);
    }
  }

  /** Leaves out the URL's query, where a careless configuration might put a password. */
  @Override
  public String toString() {
    return "PostgresServer[adminUrl="
        + withoutQuery(adminUrl)
        + ", adminUser="
        + adminUser
        + ", adminPasswordFile="
        + adminPasswordFile
        + ", appHost="
        + appHost
        + ", appPort="
        + appPort
        + ", maxParallelCreates="
        + maxParallelCreates
        + "]";
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** A multi-host URL lists hosts and ports comma-separated; applications get the first. */
  private static String first(String commaSeparated) {
    int comma = commaSeparated.indexOf(',');
    return comma < 0 ? commaSeparated : commaSeparated.substring(0, comma);
  }
}
