package dev.envforge.activities.crossplane;

import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.DatabaseSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a composite database's connection Secret into the application's Secret. Pure.
 *
 * <p>The composite's Secret carries what Crossplane Postgres providers conventionally publish:
 * {@code endpoint} (host name), {@code port}, {@code username}, {@code password} and optionally
 * {@code database} (else the composite's {@code spec.databaseName}). The application's Secret has
 * exactly {@code host}, {@code port}, {@code database}, {@code username}, {@code password}, {@code
 * jdbc-url} and {@code uri}.
 */
public final class DatabaseConnectionSecret {

  public static final String SOURCE_ENDPOINT = "endpoint";
  public static final String SOURCE_PORT = "port";
  public static final String SOURCE_USERNAME = "username";
  public static final String SOURCE_PASSWORD = "password";
  public static final String SOURCE_DATABASE = "database";

  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String DATABASE = "database";
  public static final String USERNAME = "username";
  public static final String PASSWORD = "password";
  public static final String JDBC_URL = "jdbc-url";
  public static final String URI = "uri";

  private static final List<String> REQUIRED_SOURCE_KEYS =
      List.of(SOURCE_ENDPOINT, SOURCE_PORT, SOURCE_USERNAME, SOURCE_PASSWORD);

  private DatabaseConnectionSecret() {}

  /** What the composite's Secret still lacks (key names only), or nothing once it is complete. */
  public static List<String> missingKeys(Secret source) {
    Map<String, String> values = decoded(source);
    List<String> missing = new ArrayList<>();
    for (String key : REQUIRED_SOURCE_KEYS) {
      if (values.getOrDefault(key, "").isBlank()) {
        missing.add(key);
      }
    }
    if (missing.isEmpty() && parsePort(values.get(SOURCE_PORT)).isEmpty()) {
      missing.add(SOURCE_PORT + " (not a port number)");
    }
    return missing;
  }

  /** The connection in a complete composite Secret (see {@link #missingKeys}). */
  public static DatabaseConnection read(Secret source, String fallbackDatabase) {
    List<String> missing = missingKeys(source);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the connection Secret lacks " + missing);
    }
    Map<String, String> values = decoded(source);
    int port = parsePort(values.get(SOURCE_PORT)).orElseThrow();
    String database = values.getOrDefault(SOURCE_DATABASE, "");
    return new DatabaseConnection(
        hostOf(values.get(SOURCE_ENDPOINT).strip(), port),
        port,
        database.isBlank() ? fallbackDatabase : database.strip(),
        values.get(SOURCE_USERNAME).strip(),
        values.get(SOURCE_PASSWORD));
  }

  /** The application-facing Secret, labelled as the environment's. */
  public static Secret desired(DatabaseSpec spec, DatabaseConnection connection) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(HOST, connection.host());
    data.put(PORT, Integer.toString(connection.port()));
    data.put(DATABASE, connection.database());
    data.put(USERNAME, connection.username());
    data.put(PASSWORD, connection.password());
    data.put(JDBC_URL, connection.jdbcUrl());
    data.put(URI, connection.uri());
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((key, value) -> encoded.put(key, encode(value)));
    return new SecretBuilder()
        .withNewMetadata()
        .withName(spec.secretName())
        .withNamespace(spec.namespace())
        .withLabels(ManagedMetadata.labels(spec.labels()))
        .withAnnotations(ManagedMetadata.annotations(spec.labels()))
        .endMetadata()
        .withType("Opaque")
        .withData(encoded)
        .build();
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

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
