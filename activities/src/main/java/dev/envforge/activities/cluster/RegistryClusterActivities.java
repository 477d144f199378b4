package dev.envforge.activities.cluster;

import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.workflows.activities.ClusterActivities;
import dev.envforge.workflows.activities.ClusterRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Places environments on the shared clusters of the registry. */
public final class RegistryClusterActivities implements ClusterActivities {

  private final RegistryClusterClients clients;

  public RegistryClusterActivities(RegistryClusterClients clients) {
    this.clients = clients;
  }

  @Override
  public ClusterRef placeShared(String requestedName) {
    String name =
        requestedName == null || requestedName.isBlank()
            ? clients.registry().defaultCluster()
            : requestedName;
    // Fails with UNKNOWN_CLUSTER for a name the registry lacks.
    KubernetesClient client = clients.shared(name);
    try {
      // The version endpoint is readable by any authenticated client, so this proves the API
      // server answers and accepts envforge's credentials without needing extra RBAC.
      KubernetesFailures.call(
          "read the version of cluster " + name, () -> client.getKubernetesVersion());
    } catch (KubernetesClientException e) {
      // Transient: an API server that is down or restarting is worth retrying.
      throw new IllegalStateException("the API server of cluster " + name + " does not answer", e);
    }
    return ClusterRef.shared(name);
  }
}
