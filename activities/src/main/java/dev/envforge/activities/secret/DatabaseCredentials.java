package dev.envforge.activities.secret;

import dev.envforge.workflows.activities.DatabaseRef;
import java.util.Objects;

/**
 * What an application needs to reach its database. Lives only inside activities and in the
 * app-facing Secret; {@link #toString()} leaves the password out so that it cannot slip into a log.
 */
public record DatabaseCredentials(
    String host, int port, String database, String username, String password) {

  public DatabaseCredentials {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not a TCP port");
    }
  }

  /**
   * What the workflow may know of these credentials: everything but the password, which stays in
   * Secret {@code secretName}.
   */
  public DatabaseRef reference(String secretName) {
    return new DatabaseRef(host, port, database, username, secretName);
  }

  @Override
  public String toString() {
    return "DatabaseCredentials[host="
        + host
        + ", port="
        + port
        + ", database="
        + database
        + ", username="
        + username
        + ", password=<redacted>]";
  }
}
