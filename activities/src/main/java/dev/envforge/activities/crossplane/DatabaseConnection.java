package dev.envforge.activities.crossplane;

import dev.envforge.workflows.activities.DatabaseRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How to reach a database, password included. Lives only inside an activity: {@link #toString()}
 * hides the password and {@link #reference} drops it.
 */
public record DatabaseConnection(
    String host, int port, String database, String username, String password) {

  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostAndPort() + "/" + database;
  }

  /** A libpq connection URI; user and password are percent-encoded for the userinfo part. */
  public String uri() {
    return "postgresql://"
        + encode(username)
        + ":"
        + encode(password)
        + "@"
        + hostAndPort()
        + "/"
        + encode(database);
  }

  public DatabaseRef reference(String secretName) {
    return new DatabaseRef(host, port, database, username, secretName);
  }

  private String hostAndPort() {
    // An IPv6 literal needs brackets to be told apart from the port.
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return shownHost + ":" + port;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "DatabaseConnection[host="
        + host
        + ", port="
        + port
        + ", database="
        + database
        + ", username="
        + username
        + ", password=<hidden>]";
  }
}
