package dev.envforge.activities.crossplane;

import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.activities.crossplane.model.XEnvClusterSpec;
import dev.envforge.activities.crossplane.model.xenvclusterspec.WriteConnectionSecretToRef;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.Profile;
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
    XEnvClusterSpec wanted = new XEnvClusterSpec();
    wanted.setProfile(profile(spec.profile()));
    wanted.setNodeCount((long) settings.nodeCount(spec.profile()));
    wanted.setRegion(settings.clusterRegion());
    WriteConnectionSecretToRef kubeconfig = new WriteConnectionSecretToRef();
    kubeconfig.setName(connectionSecretName(spec.compositeName()));
    kubeconfig.setNamespace(settings.connectionSecretNamespace());
    wanted.setWriteConnectionSecretToRef(kubeconfig);
    cluster.setSpec(wanted);
    return cluster;
  }

  /**
   * The XRD's enum of profiles, whose constants the generator names like envforge's own. A profile
   * the XRD lacks fails here, before anything is written.
   */
  static XEnvClusterSpec.Profile profile(Profile profile) {
    return XEnvClusterSpec.Profile.valueOf(profile.name());
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
