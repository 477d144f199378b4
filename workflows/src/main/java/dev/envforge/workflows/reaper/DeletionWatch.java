package dev.envforge.workflows.reaper;

import dev.envforge.workflows.activities.ClusterRef;
import java.util.List;

/**
 * The namespaces of one cluster whose deletion a sweep's teardowns requested.
 *
 * @param dedicated the dedicated cluster's reference; null for a registered cluster
 */
public record DeletionWatch(
    String cluster, List<RequestedDeletion> namespaces, ClusterRef dedicated) {

  /** Namespaces of a registered cluster. */
  public DeletionWatch(String cluster, List<RequestedDeletion> namespaces) {
    this(cluster, namespaces, null);
  }

  /** How to reach the cluster: the dedicated cluster's reference, or the registered one's. */
  public ClusterRef clusterRef() {
    return dedicated != null ? dedicated : ClusterRef.shared(cluster);
  }
}
