package dev.envforge.activities.kubernetes;

import java.nio.file.Path;

/**
 * How to reach one shared cluster: a kubeconfig file (with an optional context), or the in-cluster
 * service account when {@code inCluster} is set.
 */
public record ClusterConnection(Path kubeconfig, String context, boolean inCluster) {

  public static ClusterConnection kubeconfig(Path file, String context) {
    return new ClusterConnection(file, context, false);
  }

  public static ClusterConnection inClusterServiceAccount() {
    return new ClusterConnection(null, null, true);
  }
}
