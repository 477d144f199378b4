package dev.envforge.activities.kubernetes;

import dev.envforge.testing.LocalPlatform;
import java.util.Map;

/** Cluster clients whose registry holds one cluster, {@code local}: the local platform's. */
public final class LocalClusterClients {

  public static final String NAME = "local";

  private LocalClusterClients() {}

  public static RegistryClusterClients of(LocalPlatform platform) {
    return new RegistryClusterClients(registry(platform));
  }

  public static ClusterRegistry registry(LocalPlatform platform) {
    return new ClusterRegistry(
        Map.of(
            NAME,
            ClusterConnection.kubeconfig(platform.kubeconfig(), platform.kubeContextOrNull())),
        NAME,
        NAME);
  }
}
