package dev.envforge.activities.kubernetes;

import dev.envforge.workflows.activities.ClusterRef;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Kubernetes clients for the clusters environments live on. Clients are shared; never close them.
 */
public interface ClusterClients {

  /** A client for the cluster an environment lives on, shared or dedicated. */
  KubernetesClient forCluster(ClusterRef cluster);

  /** A client for the management cluster, where Crossplane composites of clusters live. */
  KubernetesClient management();
}
