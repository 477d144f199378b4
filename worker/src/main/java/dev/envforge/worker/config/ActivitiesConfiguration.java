package dev.envforge.worker.config;

import dev.envforge.activities.argocd.ArgoCdSettings;
import dev.envforge.activities.argocd.KubernetesArgoCdActivities;
import dev.envforge.activities.cluster.RegistryClusterActivities;
import dev.envforge.activities.crossplane.CrossplaneSettings;
import dev.envforge.activities.crossplane.KubernetesCrossplaneActivities;
import dev.envforge.activities.dapr.KubernetesCapabilityActivities;
import dev.envforge.activities.events.EventSink;
import dev.envforge.activities.events.EventSinks;
import dev.envforge.activities.events.SinkLifecycleEventActivities;
import dev.envforge.activities.kubernetes.ClusterConnection;
import dev.envforge.activities.kubernetes.ClusterRegistry;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.namespace.KubernetesNamespaceActivities;
import dev.envforge.activities.namespace.NamespaceSettings;
import dev.envforge.activities.namespace.WorkerAccess;
import dev.envforge.activities.notification.HttpWebhookNotifier;
import dev.envforge.activities.notification.KubernetesExpiryEvents;
import dev.envforge.activities.notification.NotifyingExpiryWarningActivities;
import dev.envforge.activities.notification.WebhookSettings;
import dev.envforge.activities.postgres.DirectPostgresActivities;
import dev.envforge.activities.postgres.PostgresServer;
import dev.envforge.activities.settings.ConfiguredSettingsActivities;
import dev.envforge.activities.temporal.Heartbeat;
import dev.envforge.activities.temporal.KeepAlive;
import dev.envforge.workflows.activities.ArgoCdActivities;
import dev.envforge.workflows.activities.CapabilityActivities;
import dev.envforge.workflows.activities.ClusterActivities;
import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.LifecycleEventActivities;
import dev.envforge.workflows.activities.PostgresActivities;
import dev.envforge.workflows.settings.SharedProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the activity implementations from configuration. The bean names are the ones the Temporal
 * worker registers (see {@code spring.temporal.workers} in application.yaml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  EnvforgeWorkerProperties.class,
  WorkerAccessProperties.class,
  ArgoCdProperties.class,
  LifecycleProperties.class
})
public class ActivitiesConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ActivitiesConfiguration.class);

  /** Well inside the workflow's heartbeat timeout for these activities (20 s). */
  private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(5);

  @Bean(destroyMethod = "close")
  RegistryClusterClients clusterClients(EnvforgeWorkerProperties properties) {
    EnvforgeWorkerProperties.Clusters clusters = properties.clusters();
    Map<String, ClusterConnection> registry = new LinkedHashMap<>();
    if (clusters.registry() != null) {
      clusters
          .registry()
          .forEach(
              (name, entry) ->
                  registry.put(
                      name,
                      entry.inCluster()
                          ? ClusterConnection.inClusterServiceAccount()
                          : ClusterConnection.kubeconfig(
                              entry.kubeconfig(), blankToNull(entry.context()))));
    }
    return new RegistryClusterClients(
        new ClusterRegistry(registry, clusters.defaultCluster(), clusters.managementCluster()));
  }

  /**
   * Builds the client of every registered cluster and asks its version once at start-up, so the
   * first environment does not pay for connection set-up (seconds on a cold JVM). A cluster that
   * does not answer yet is only logged: its first step will retry.
   */
  @Bean
  ApplicationRunner warmClusterClients(RegistryClusterClients clients) {
    return args ->
        clients
            .registry()
            .clusters()
            .keySet()
            .forEach(
                name -> {
                  try {
                    clients.shared(name).getKubernetesVersion();
                  } catch (RuntimeException e) {
                    LOG.warn("cluster {} did not answer at start-up: {}", name, e.getMessage());
                  }
                });
  }

  @Bean
  ConfiguredSettingsActivities settingsActivities(
      EnvforgeWorkerProperties properties, ArgoCdProperties argoCd, LifecycleProperties lifecycle) {
    SharedProperties shared = properties.shared();
    Duration warnBefore = shared.ttl().warnBefore();
    if (warnBefore.isNegative() || warnBefore.isZero()) {
      throw new IllegalArgumentException("envforge.ttl.warn-before must be positive");
    }
    return new ConfiguredSettingsActivities(
        EnvironmentSettings.of(
                shared.namespacePrefix(),
                shared.ttl().policy(),
                warnBefore,
                shared.capabilityDefaults())
            .withArgoCdRegistration(argoCd.enabled())
            .withLifecycle(lifecycle.approvalPolicy(), lifecycle.sleepPolicy()));
  }

  @Bean
  ExpiryWarningActivities expiryWarningActivities(
      RegistryClusterClients clients, EnvforgeWorkerProperties properties) {
    WebhookSettings webhook = properties.notifications().settings();
    LOG.info(
        "expiry warnings: Events on namespaces; webhook {}",
        webhook.enabled() ? "to " + webhook.url().getHost() : "off");
    return new NotifyingExpiryWarningActivities(
        new KubernetesExpiryEvents(clients, reportingInstance()), new HttpWebhookNotifier(webhook));
  }

  @Bean
  LifecycleEventActivities lifecycleEventActivities(EnvforgeWorkerProperties properties) {
    List<EventSink> sinks = properties.notifications().eventSinks();
    LOG.info(
        "lifecycle events (CDEvents): {}",
        sinks.isEmpty()
            ? "no sinks"
            : "to " + sinks.stream().map(EventSink::host).collect(Collectors.joining(", ")));
    return new SinkLifecycleEventActivities(
        new EventSinks(sinks, properties.notifications().apiBaseUrl()));
  }

  /** The worker's host name (the pod's name in Kubernetes), as Events' reporting instance. */
  private static String reportingInstance() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = "envforge-worker";
      }
    }
    return host.length() > 128 ? host.substring(0, 128) : host;
  }

  @Bean
  ClusterActivities clusterActivities(RegistryClusterClients clients) {
    return KeepAlive.wrap(
        ClusterActivities.class, new RegistryClusterActivities(clients), KEEP_ALIVE_INTERVAL);
  }

  @Bean
  KubernetesNamespaceActivities namespaceActivities(
      RegistryClusterClients clients,
      EnvforgeWorkerProperties properties,
      WorkerAccessProperties workerAccess) {
    NamespaceSettings settings =
        properties.namespaces() == null
            ? new NamespaceSettings(null, null, null, null)
            : properties.namespaces();
    return new KubernetesNamespaceActivities(
        clients, settings, Heartbeat.temporal(), workerAccess(properties, workerAccess));
  }

  /** Only in-cluster registry entries are reached as the worker's own service account. */
  private static WorkerAccess workerAccess(
      EnvforgeWorkerProperties properties, WorkerAccessProperties workerAccess) {
    Set<String> inCluster = new LinkedHashSet<>();
    if (properties.clusters().registry() != null) {
      properties
          .clusters()
          .registry()
          .forEach(
              (name, entry) -> {
                if (entry.inCluster()) {
                  inCluster.add(name);
                }
              });
    }
    return new WorkerAccess(workerAccess.clusterRole(), workerAccess.serviceAccount(), inCluster);
  }

  /** The {@code direct} driver's server; the reaper searches it too. */
  @Bean
  PostgresServer directPostgresServer(EnvforgeWorkerProperties properties) {
    EnvforgeWorkerProperties.Postgres postgres = properties.postgres();
    if (postgres.adminPasswordFile() == null) {
      throw new IllegalStateException(
          "envforge.postgres.admin-password-file is not set (ENVFORGE_POSTGRES_PASSWORD_FILE)");
    }
    return new PostgresServer(
        postgres.adminUrl(),
        postgres.adminUser(),
        postgres.adminPasswordFile(),
        postgres.appHost(),
        postgres.appPort(),
        postgres.maxParallelCreates());
  }

  @Bean
  PostgresActivities postgresActivities(
      RegistryClusterClients clients, PostgresServer directPostgresServer) {
    return KeepAlive.wrap(
        PostgresActivities.class,
        new DirectPostgresActivities(directPostgresServer, clients),
        KEEP_ALIVE_INTERVAL);
  }

  @Bean
  CapabilityActivities capabilityActivities(RegistryClusterClients clients) {
    return new KubernetesCapabilityActivities(clients);
  }

  @Bean
  KubernetesCrossplaneActivities crossplaneActivities(
      RegistryClusterClients clients, EnvforgeWorkerProperties properties) {
    CrossplaneSettings settings =
        properties.crossplane() == null
            ? new CrossplaneSettings(null, null, null, null, null, null, null)
            : properties.crossplane();
    return new KubernetesCrossplaneActivities(clients, settings);
  }

  /**
   * Registered whether or not registration is enabled: environments registered before it was turned
   * off are still removed from Argo CD at their teardown.
   */
  @Bean
  ArgoCdActivities argoCdActivities(RegistryClusterClients clients, ArgoCdProperties argoCd) {
    ArgoCdSettings settings = argoCd.settings();
    if (settings.cluster() != null && clients.registry().find(settings.cluster()).isEmpty()) {
      throw new IllegalArgumentException(
          "envforge.argocd.cluster '"
              + settings.cluster()
              + "' is not among the registry's clusters "
              + clients.registry().clusters().keySet());
    }
    if (argoCd.enabled()) {
      LOG.info(
          "Argo CD registration: AppProjects and cluster Secrets in namespace {} of cluster {}",
          settings.namespace(),
          settings.cluster() == null ? "(management)" : settings.cluster());
    }
    return new KubernetesArgoCdActivities(clients, settings);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
