package dev.envforge.activities.crossplane;

import dev.envforge.activities.crossplane.model.SecretReference;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.activities.crossplane.model.XEnvClusterSpec;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.request.ClusterMode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * The desired {@code XEnvCluster} of a dedicated environment and the names derived from it. Pure.
 */
public final class DedicatedClusterComposite {

  private DedicatedClusterComposite() {}

  /** The kubeconfig Secret's name: deterministic, so a retried attempt finds the same one. */
  public static String connectionSecretName(String compositeName) {
    return compositeName + "-kubeconfig";
  }

  public static XEnvCluster desired(DedicatedClusterSpec spec, CrossplaneSettings settings) {
    XEnvCluster cluster = new XEnvCluster();
    cluster.setMetadata(
        new ObjectMetaBuilder()
            .withName(spec.compositeName())
            .withLabels(ManagedMetadata.labels(spec.labels()))
            .withAnnotations(ManagedMetadata.annotations(spec.labels()))
            .build());
    cluster.setSpec(
        new XEnvClusterSpec(
            spec.profile(),
            settings.nodeCount(spec.profile()),
            settings.clusterRegion(),
            new SecretReference(
                connectionSecretName(spec.compositeName()), settings.connectionSecretNamespace())));
    return cluster;
  }

  /** How the environment's other activities find the cluster: by its Secret, never its content. */
  public static ClusterRef reference(DedicatedClusterSpec spec, CrossplaneSettings settings) {
    return new ClusterRef(
        spec.compositeName(),
        ClusterMode.DEDICATED,
        settings.connectionSecretNamespace(),
        connectionSecretName(spec.compositeName()));
  }
}
