package dev.envforge.activities.secret;

import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Writes and deletes app-facing connection Secrets. */
public final class ConnectionSecretWriter {

  private ConnectionSecretWriter() {}

  /** Server-side applies {@code secret} as envforge, taking over fields other managers hold. */
  public static void apply(KubernetesClient client, Secret secret) {
    try {
      client
          .resource(secret)
          .fieldManager(ManagedMetadata.FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.translateWithoutDetails(
          "apply Secret " + describe(secret), e, ConnectionSecretException::new);
    }
  }

  /**
   * Deletes the Secret if it belongs to {@code owner}. Returns false when there was nothing of
   * {@code owner}'s to delete: absent (or its namespace already gone), or someone else's.
   */
  public static boolean deleteIfOwned(
      KubernetesClient client, String namespace, String name, EnvironmentLabels owner) {
    String described = namespace + "/" + name;
    try {
      Secret live = client.secrets().inNamespace(namespace).withName(name).get();
      if (live == null || !ManagedMetadata.ownedBy(live.getMetadata().getLabels(), owner)) {
        return false;
      }
      client.secrets().inNamespace(namespace).withName(name).delete();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw KubernetesFailures.translateWithoutDetails(
          "delete Secret " + described, e, ConnectionSecretException::new);
    }
  }

  private static String describe(Secret secret) {
    return secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
  }
}
