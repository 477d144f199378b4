package dev.envforge.workflows.reaper;

/** Where something an environment leaves behind lives, and so how the reaper finds it. */
public enum LeftoverPlacement {
  /**
   * The environment's namespace itself, on its shared or dedicated cluster: the reaper lists the
   * managed namespaces of every registered cluster and of every dedicated cluster.
   */
  ENVIRONMENT_NAMESPACE,
  /**
   * Inside the environment's namespace: deleting the namespace deletes it, so the reaper needs no
   * search of its own.
   */
  IN_ENVIRONMENT_NAMESPACE,
  /**
   * In the management cluster, cluster-scoped or in any namespace but the environment's own: found
   * by envforge's labels (and the declaration's own selector) and deleted one by one.
   */
  MANAGEMENT_CLUSTER,
  /**
   * A database and its role on a Postgres server, marked by envforge's ownership comment: found on
   * every configured server once the environment's namespace is gone.
   */
  POSTGRES
}
