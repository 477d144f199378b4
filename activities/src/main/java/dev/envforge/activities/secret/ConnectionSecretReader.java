package dev.envforge.activities.secret;

import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reads back the credentials of an app-facing Secret, so that a retried activity reuses the
 * password it already handed out instead of inventing a new one.
 */
public final class ConnectionSecretReader {

  private ConnectionSecretReader() {}

  /**
   * The credentials in Secret {@code namespace/name}, if it exists, belongs to {@code owner}, and
   * holds every connection key with a usable port. Anything less is treated as absent.
   */
  public static Optional<DatabaseCredentials> read(
      KubernetesClient client, String namespace, String name, EnvironmentLabels owner) {
    Secret live;
    try {
      live = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw KubernetesFailures.translateWithoutDetails(
          "read Secret " + namespace + "/" + name, e, ConnectionSecretException::new);
    }
    if (live == null || !ManagedMetadata.ownedBy(live.getMetadata().getLabels(), owner)) {
      return Optional.empty();
    }
    return credentials(live);
  }

  /** The credentials a Secret holds, decoded; empty when a key is missing or malformed. Pure. */
  public static Optional<DatabaseCredentials> credentials(Secret secret) {
    Map<String, String> data = secret.getData();
    if (data == null) {
      return Optional.empty();
    }
    try {
      String host = decode(data, ConnectionSecret.HOST);
      String port = decode(data, ConnectionSecret.PORT);
      String database = decode(data, ConnectionSecret.DATABASE);
      String username = decode(data, ConnectionSecret.USERNAME);
      String password = decode(data, ConnectionSecret.PASSWORD);
      if (host == null
          || port == null
          || database == null
          || username == null
          || password == null
          || password.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new DatabaseCredentials(host, Integer.parseInt(port), database, username, password));
    } catch (IllegalArgumentException e) {
      // Bad base64 or a port that is no number: as good as no Secret. The value is not echoed.
      return Optional.empty();
    }
  }

  private static String decode(Map<String, String> data, String key) {
    String encoded = data.get(key);
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }
}
