package dev.envforge.workflows.activities;

import dev.envforge.workflows.request.ClusterMode;

/**
 * Which cluster an environment lives on, by reference only. A dedicated cluster's kubeconfig stays
 * in its connection Secret in the management cluster; activities read it from there.
 */
public record ClusterRef(
    String name, ClusterMode mode, String connectionSecretNamespace, String connectionSecretName) {

  public static ClusterRef shared(String name) {
    return new ClusterRef(name, ClusterMode.SHARED, null, null);
  }
}
