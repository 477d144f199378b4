package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** The registry of shared clusters. */
@ActivityInterface
public interface ClusterActivities {
  /**
   * Resolves a shared cluster by name ({@code null}: the registry's default) and checks that its
   * API server answers. Unknown names fail with {@code UNKNOWN_CLUSTER}.
   */
  ClusterRef placeShared(String requestedName);
}
