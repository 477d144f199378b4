package dev.envforge.activities.kubernetes;

import dev.envforge.testing.LocalPlatform;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;

/** Cluster clients whose registry holds one cluster, {@code local}: the local platform's. */
public final class LocalClusterClients {

  public static final String NAME = "local";

  private LocalClusterClients() {}

  public static RegistryClusterClients of(LocalPlatform platform) {
    return new RegistryClusterClients(registry(platform));
  }

  /** A client of its own (the caller closes it), for tests that act beside the activities. */
  public static KubernetesClient standaloneClient(LocalPlatform platform) {
    return new KubernetesClientBuilder().withConfig(adminConfig(platform)).build();
  }

  /**
   * As {@link #standaloneClient}, acting as another user (and groups) through the admin's right to
   * impersonate: what that user may do is what the API server lets it.
   */
  public static KubernetesClient standaloneClientAs(
      LocalPlatform platform, String user, String... groups) {
    Config config = adminConfig(platform);
    config.setImpersonateUsername(user);
    config.setImpersonateGroups(groups);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The platform's admin kubeconfig and context, as a fresh client configuration. */
  private static Config adminConfig(LocalPlatform platform) {
    return Config.fromKubeconfig(
        platform.kubeContextOrNull(),
        platform.kubeconfigContents(),
        platform.kubeconfig().toString());
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
