package dev.envforge.activities.secret;

import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app-facing connection Secret, the same for every database driver. Applications read these
 * documented keys and nothing else, so the set is fixed. Pure: building touches no cluster.
 */
public final class ConnectionSecret {

  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String DATABASE = "database";
  public static final String USERNAME = "username";
  public static final String PASSWORD = "password";

  /** {@code jdbc:postgresql://host:port/database}, for JVM applications. */
  public static final String JDBC_URL = "jdbc-url";

  /** {@code postgresql://username:password@host:port/database}, for libpq-style clients. */
  public static final String URI = "uri";

  /** Every key the Secret holds, in a stable order. */
  public static final List<String> KEYS =
      List.of(HOST, PORT, DATABASE, USERNAME, PASSWORD, JDBC_URL, URI);

  public static final String TYPE = "Opaque";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ConnectionSecret() {}

  /** The Secret for {@code spec}: named {@code spec.secretName()} in {@code spec.namespace()}. */
  public static Secret desired(DatabaseSpec spec, DatabaseCredentials credentials) {
    return desired(spec.namespace(), spec.secretName(), spec.labels(), credentials);
  }

  public static Secret desired(
      String namespace, String name, EnvironmentLabels owner, DatabaseCredentials credentials) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(ManagedMetadata.labels(owner))
        .withAnnotations(ManagedMetadata.annotations(owner))
        .endMetadata()
        .withType(TYPE)
        .withData(encode(values(credentials)))
        .build();
  }

  /** The Secret's values before base64 encoding, keyed as {@link #KEYS}. */
  public static Map<String, String> values(DatabaseCredentials credentials) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(HOST, credentials.host());
    values.put(PORT, Integer.toString(credentials.port()));
    values.put(DATABASE, credentials.database());
    values.put(USERNAME, credentials.username());
    values.put(PASSWORD, credentials.password());
    values.put(JDBC_URL, jdbcUrl(credentials.host(), credentials.port(), credentials.database()));
    values.put(URI, uri(credentials));
    return values;
  }

  public static String jdbcUrl(String host, int port, String database) {
    return "jdbc:postgresql://" + authority(host, port) + "/" + percentEncode(database);
  }

  /** The user and password are percent-encoded, so any character in them survives parsing. */
  public static String uri(DatabaseCredentials credentials) {
    return "postgresql://"
        + percentEncode(credentials.username())
        + ":"
        + percentEncode(credentials.password())
        + "@"
        + authority(credentials.host(), credentials.port())
        + "/"
        + percentEncode(credentials.database());
  }

  /**
   * RFC 3986 percent-encoding of everything but the unreserved characters. Unlike {@code
   * URLEncoder} (form encoding) it never turns a space into '+', which URI user info would keep
   * literally.
   */
  static String percentEncode(String value) {
    StringBuilder encoded = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return encoded.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** An IPv6 literal needs brackets, or its colons would read as the port separator. */
  private static String authority(String host, int port) {
    String shownHost = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return shownHost + ":" + port;
  }

  private static Map<String, String> encode(Map<String, String> values) {
    Map<String, String> data = new LinkedHashMap<>();
    values.forEach(
        (key, value) ->
            data.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return data;
  }
}
