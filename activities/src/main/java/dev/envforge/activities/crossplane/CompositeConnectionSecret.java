package dev.envforge.activities.crossplane;

import dev.envforge.activities.secret.DatabaseCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the connection Secret a composite database's Composition writes. Pure. The app-facing
 * Secret is built from what it yields by {@link dev.envforge.activities.secret.ConnectionSecret}.
 *
 * <p>The composite's Secret carries what Crossplane Postgres providers conventionally publish:
 * {@code endpoint} (host name), {@code port}, {@code username}, {@code password} and optionally
 * {@code database} (else the composite's {@code spec.databaseName}).
 */
public final class CompositeConnectionSecret {

  public static final String ENDPOINT = "endpoint";
  public static final String PORT = "port";
  public static final String USERNAME = "username";
  public static final String PASSWORD = "password";
  public static final String DATABASE = "database";

  private static final List<String> REQUIRED_KEYS = List.of(ENDPOINT, PORT, USERNAME, PASSWORD);

  private CompositeConnectionSecret() {}

  /** What the composite's Secret still lacks (key names only), or nothing once it is complete. */
  public static List<String> missingKeys(Secret source) {
    Map<String, String> values = decoded(source);
    List<String> missing = new ArrayList<>();
    for (String key : REQUIRED_KEYS) {
      if (values.getOrDefault(key, "").isBlank()) {
        missing.add(key);
      }
    }
    if (missing.isEmpty() && parsePort(values.get(PORT)).isEmpty()) {
      missing.add(PORT + " (not a port number)");
    }
    return missing;
  }

  /** The credentials in a complete composite Secret (see {@link #missingKeys}). */
  public static DatabaseCredentials read(Secret source, String fallbackDatabase) {
    List<String> missing = missingKeys(source);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the connection Secret lacks " + missing);
    }
    Map<String, String> values = decoded(source);
    int port = parsePort(values.get(PORT)).orElseThrow();
    String database = values.getOrDefault(DATABASE, "");
    return new DatabaseCredentials(
        hostOf(values.get(ENDPOINT).strip(), port),
        port,
        database.isBlank() ? fallbackDatabase : database.strip(),
        values.get(USERNAME).strip(),
        values.get(PASSWORD));
  }

  /** Some providers publish {@code host:port} as the endpoint; the port is kept separately. */
  private static String hostOf(String endpoint, int port) {
    String suffix = ":" + port;
    boolean bracketed = endpoint.startsWith("[");
    String host =
        endpoint.endsWith(suffix)
                && (bracketed || endpoint.indexOf(':') == endpoint.lastIndexOf(':'))
            ? endpoint.substring(0, endpoint.length() - suffix.length())
            : endpoint;
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static Optional<Integer> parsePort(String value) {
    try {
      int port = Integer.parseInt(value.strip());
      return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> decoded(Secret source) {
    Map<String, String> values = new LinkedHashMap<>();
    if (source == null) {
      return values;
    }
    if (source.getData() != null) {
      source
          .getData()
          .forEach(
              (key, value) ->
                  values.put(
                      key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (source.getStringData() != null) {
      values.putAll(source.getStringData());
    }
    return values;
  }
}
