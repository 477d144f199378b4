package dev.envforge.worker;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.testing.LocalPlatform;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;

/** Looks at what an environment left in the real cluster and Postgres. */
final class PlatformProbe implements AutoCloseable {

  private final LocalPlatform platform;
  final KubernetesClient kubernetes;

  PlatformProbe(LocalPlatform platform) {
    this.platform = platform;
    this.kubernetes = LocalClusterClients.standaloneClient(platform);
  }

  List<Namespace> namespacesOf(String environmentId) {
    return kubernetes
        .namespaces()
        .withLabel("envforge.dev/environment", environmentId)
        .list()
        .getItems();
  }

  Secret secret(String namespace, String name) {
    return kubernetes.secrets().inNamespace(namespace).withName(name).get();
  }

  static String decode(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  /** Databases and roles whose names start with the given prefix. */
  List<String> postgresObjects(String prefix) throws SQLException {
    try (Connection admin =
            DriverManager.getConnection(
                platform.postgresUrl(), platform.postgresUser(), platform.postgresPassword());
        PreparedStatement query =
            admin.prepareStatement(
                "SELECT 'database:' || datname FROM pg_database WHERE datname LIKE ? "
                    + "UNION ALL SELECT 'role:' || rolname FROM pg_roles WHERE rolname LIKE ? "
                    + "ORDER BY 1")) {
      query.setString(1, prefix + "%");
      query.setString(2, prefix + "%");
      try (ResultSet rows = query.executeQuery()) {
        List<String> found = new java.util.ArrayList<>();
        while (rows.next()) {
          found.add(rows.getString(1));
        }
        return found;
      }
    }
  }

  @Override
  public void close() {
    kubernetes.close();
  }
}
