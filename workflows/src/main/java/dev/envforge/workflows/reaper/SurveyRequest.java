package dev.envforge.workflows.reaper;

import dev.envforge.workflows.activities.ClusterRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One page of the managed namespaces of one cluster.
 *
 * @param now the sweep's time, from the workflow, so that every page judges expiry alike
 * @param continueToken the Kubernetes list continuation of the previous page; null for the first
 * @param dedicated the dedicated cluster's reference (by its connection Secret); null for a
 *     registered cluster
 * @param teams only namespaces of these teams; null or empty for every team
 */
public record SurveyRequest(
    String cluster,
    String namespacePrefix,
    Instant now,
    Duration orphanGrace,
    int pageSize,
    String continueToken,
    ClusterRef dedicated,
    List<String> teams) {

  /** A page of a registered cluster, of every team's namespaces. */
  public SurveyRequest(
      String cluster,
      String namespacePrefix,
      Instant now,
      Duration orphanGrace,
      int pageSize,
      String continueToken) {
    this(cluster, namespacePrefix, now, orphanGrace, pageSize, continueToken, null, null);
  }

  /** How to reach the cluster: the dedicated cluster's reference, or the registered one's. */
  public ClusterRef clusterRef() {
    return dedicated != null ? dedicated : ClusterRef.shared(cluster);
  }
}
