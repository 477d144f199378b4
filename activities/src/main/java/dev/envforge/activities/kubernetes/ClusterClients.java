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

  /**
   * Drops any cached client of a cluster that is gone, so that a later cluster of the same name is
   * reached through its own kubeconfig. Nothing to do for implementations that do not cache.
   */
  default void forget(ClusterRef cluster) {}
}
