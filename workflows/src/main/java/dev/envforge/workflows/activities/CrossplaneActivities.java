package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** Crossplane composites: dedicated clusters in the management cluster, databases in namespaces. */
@ActivityInterface
public interface CrossplaneActivities {
  /**
   * Creates the composite {@code Cluster}, waits (heartbeating) until it is Ready and its
   * connection Secret holds a kubeconfig, and returns a reference to that Secret.
   */
  ClusterRef ensureDedicatedCluster(DedicatedClusterSpec spec);

  /** Deletes the composite {@code Cluster} and waits until it is gone. */
  void deleteDedicatedCluster(DedicatedClusterSpec spec);

  /**
   * Creates the composite {@code Database} in the namespace, waits until it is Ready, and copies
   * its connection Secret into the app-facing Secret.
   */
  DatabaseRef ensureCompositeDatabase(DatabaseSpec spec);

  /** Deletes the composite {@code Database} and the app-facing Secret. */
  void deleteCompositeDatabase(DatabaseSpec spec);
}
