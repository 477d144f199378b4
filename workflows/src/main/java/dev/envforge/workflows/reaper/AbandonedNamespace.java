package dev.envforge.workflows.reaper;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import java.time.Instant;

/**
 * A managed namespace whose environment workflow is gone (EXPIRED or ORPHAN), with what is needed
 * to tear down everything the environment owned. All of it is read from the namespace's labels and
 * annotations.
 *
 * @param uid the namespace's uid: a namespace made again under the same name is another one
 * @param workflowId from the {@code envforge.dev/workflow-id} annotation; may be null
 * @param dedicated the dedicated cluster it lives on (then {@code cluster} is that cluster's name);
 *     null on a registered cluster
 */
public record AbandonedNamespace(
    String cluster,
    String namespace,
    String uid,
    String environmentId,
    String team,
    String workflowId,
    Instant expiresAt,
    EnvironmentClass verdict,
    ClusterRef dedicated) {

  /** A namespace on a registered cluster. */
  public AbandonedNamespace(
      String cluster,
      String namespace,
      String uid,
      String environmentId,
      String team,
      String workflowId,
      Instant expiresAt,
      EnvironmentClass verdict) {
    this(cluster, namespace, uid, environmentId, team, workflowId, expiresAt, verdict, null);
  }

  /**
   * One teardown per namespace incarnation: two sweeps that find the same namespace start the same
   * workflow id, and the second is refused while (or after) the first runs.
   */
  public String teardownWorkflowId() {
    return "teardown/" + cluster + "/" + namespace + "/" + uid;
  }

  /** How to reach its cluster: a dedicated cluster by its connection Secret, else the registry. */
  public ClusterRef clusterRef() {
    return dedicated != null ? dedicated : ClusterRef.shared(cluster);
  }

  public EnvironmentLabels labels() {
    return new EnvironmentLabels(environmentId, team, workflowId, expiresAt);
  }
}
