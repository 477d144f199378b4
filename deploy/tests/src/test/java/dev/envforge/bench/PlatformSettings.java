package dev.envforge.bench;

import dev.envforge.activities.kubernetes.ClusterConnection;
import dev.envforge.activities.kubernetes.ClusterRegistry;
import dev.envforge.activities.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the local platform's Kubernetes and Postgres are, read from the {@code KEY=VALUE} file that
 * {@code deploy/local/platform} writes. The Postgres password stays in its own file.
 */
record PlatformSettings(
    Path kubeconfig,
    String kubeContext,
    String postgresUrl,
    String postgresUser,
    Path postgresPasswordFile) {

  static PlatformSettings read(Path file) throws IOException {
    Map<String, String> settings = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int equals = line.indexOf('=');
      if (equals > 0 && !line.startsWith("#")) {
        settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
      }
    }
    return new PlatformSettings(
        Path.of(required(settings, "ENVFORGE_KUBECONFIG", file)),
        settings.getOrDefault("ENVFORGE_KUBE_CONTEXT", ""),
        required(settings, "ENVFORGE_POSTGRES_URL", file),
        required(settings, "ENVFORGE_POSTGRES_USER", file),
        Path.of(required(settings, "ENVFORGE_POSTGRES_PASSWORD_FILE", file)));
  }

  /** A registry holding the platform's cluster under the one name, as the worker's does. */
  ClusterRegistry registry(String clusterName) {
    ClusterConnection connection =
        ClusterConnection.kubeconfig(kubeconfig, kubeContext.isBlank() ? null : kubeContext);
    return new ClusterRegistry(Map.of(clusterName, connection), clusterName, clusterName);
  }

  /** The server with the worker's defaults (application host and port from the URL). */
  PostgresServer postgresServer() {
    return PostgresServer.of(postgresUrl, postgresUser, postgresPasswordFile);
  }

  private static String required(Map<String, String> settings, String key, Path file) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(file + " lacks " + key);
    }
    return value;
  }
}
