package dev.envforge.workflows.reaper;

import dev.envforge.workflows.activities.ClusterRef;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * What the reaper finds and removes besides the namespaces of registered clusters: dedicated
 * clusters, the management cluster's declared objects, and databases on every configured Postgres
 * server. Each call is safe to repeat.
 */
@ActivityInterface
public interface LeftoverActivities {

  /**
   * The dedicated clusters whose namespaces a sweep lists: every envforge {@code XEnvCluster} in
   * the management cluster (of the given teams; all when empty) whose connection Secret holds a
   * kubeconfig, sorted by name.
   */
  List<ClusterRef> dedicatedClusters(List<String> teams);

  /** Finds and classifies one declared kind of leftover (see {@link LeftoverSurvey}). */
  LeftoverPage survey(LeftoverSurvey survey);

  /**
   * Removes the leftovers, each only after checking again that it is the same one, not kept, its
   * environment's workflow is not running and (for databases) its namespace is still gone. One
   * leftover's failure is its own line, not the call's.
   */
  List<LeftoverRemoval> remove(RemovalRequest request);
}
