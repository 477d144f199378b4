package dev.envforge.bench;

import dev.envforge.activities.cluster.RegistryClusterActivities;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.namespace.KubernetesNamespaceActivities;
import dev.envforge.activities.namespace.NamespaceSettings;
import dev.envforge.activities.postgres.DirectPostgresActivities;
import dev.envforge.activities.temporal.Heartbeat;

/**
 * The activity classes the worker runs, built in this process against the same platform with the
 * worker's default settings, and nothing of Temporal around them.
 */
final class DirectActivities implements AutoCloseable {

  final RegistryClusterActivities cluster;
  final KubernetesNamespaceActivities namespaces;
  final DirectPostgresActivities postgres;
  private final RegistryClusterClients clients;

  private DirectActivities(RegistryClusterClients clients, PlatformSettings platform) {
    this.clients = clients;
    this.cluster = new RegistryClusterActivities(clients);
    this.namespaces =
        new KubernetesNamespaceActivities(clients, NamespaceSettings.defaults(), Heartbeat.none());
    this.postgres = new DirectPostgresActivities(platform.postgresServer(), clients);
  }

  static DirectActivities connect(PlatformSettings platform, String clusterName) {
    return new DirectActivities(
        new RegistryClusterClients(platform.registry(clusterName)), platform);
  }

  @Override
  public void close() {
    clients.close();
  }
}
