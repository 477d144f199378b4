package dev.envforge.activities.kubernetes;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.request.ClusterMode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Clients for registry clusters, built once per cluster, and for dedicated clusters, built from the
 * kubeconfig in their Crossplane connection Secret (read from the management cluster).
 */
public final class RegistryClusterClients implements ClusterClients, AutoCloseable {

  /** The key Crossplane-style connection Secrets of clusters keep the kubeconfig under. */
  public static final String KUBECONFIG_KEY = "kubeconfig";

  private final ClusterRegistry registry;
  private final ConcurrentMap<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  public RegistryClusterClients(ClusterRegistry registry) {
    this.registry = registry;
  }

  public ClusterRegistry registry() {
    return registry;
  }

  @Override
  public KubernetesClient forCluster(ClusterRef cluster) {
    if (cluster.mode() == ClusterMode.DEDICATED) {
      String key =
          "dedicated/" + cluster.connectionSecretNamespace() + "/" + cluster.connectionSecretName();
      return clients.computeIfAbsent(key, k -> dedicatedClient(cluster));
    }
    return shared(cluster.name());
  }

  @Override
  public KubernetesClient management() {
    return shared(registry.managementCluster());
  }

  public KubernetesClient shared(String name) {
    ClusterConnection connection =
        registry
            .find(name)
            .orElseThrow(
                () ->
                    EnvironmentFailure.UNKNOWN_CLUSTER.failure(
                        "no shared cluster named '" + name + "' is configured"));
    return clients.computeIfAbsent("shared/" + name, k -> build(configFor(connection)));
  }

  @Override
  public void forget(ClusterRef cluster) {
    evict(cluster);
  }

  /** Forgets a dedicated cluster's client, e.g. after the cluster was deleted. */
  public void evict(ClusterRef cluster) {
    KubernetesClient client =
        clients.remove(
            "dedicated/"
                + cluster.connectionSecretNamespace()
                + "/"
                + cluster.connectionSecretName());
    if (client != null) {
      client.close();
    }
  }

  private KubernetesClient dedicatedClient(ClusterRef cluster) {
    Secret secret =
        management()
            .secrets()
            .inNamespace(cluster.connectionSecretNamespace())
            .withName(cluster.connectionSecretName())
            .get();
    if (secret == null
        || secret.getData() == null
        || !secret.getData().containsKey(KUBECONFIG_KEY)) {
      // Transient: the composite may not have written it yet; the step retries.
      throw new IllegalStateException(
          "the connection Secret of cluster '" + cluster.name() + "' has no kubeconfig yet");
    }
    String kubeconfig =
        new String(
            Base64.getDecoder().decode(secret.getData().get(KUBECONFIG_KEY)),
            StandardCharsets.UTF_8);
    return build(Config.fromKubeconfig(null, kubeconfig, null));
  }

  private static Config configFor(ClusterConnection connection) {
    if (connection.inCluster()) {
      return Config.autoConfigure(null);
    }
    try {
      String contents = Files.readString(connection.kubeconfig());
      return Config.fromKubeconfig(
          connection.context(), contents, connection.kubeconfig().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + connection.kubeconfig(), e);
    }
  }

  private static KubernetesClient build(Config config) {
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }
}
