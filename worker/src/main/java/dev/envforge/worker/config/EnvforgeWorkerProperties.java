package dev.envforge.worker.config;

import dev.envforge.activities.crossplane.CrossplaneSettings;
import dev.envforge.activities.namespace.NamespaceSettings;
import dev.envforge.workflows.settings.SharedProperties;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The worker's configuration, under {@code envforge.*}. Every value has a default that suits the
 * local platform; production overrides them through the Helm values or the environment. Unset parts
 * of {@code namespaces} and {@code crossplane} take the defaults their settings records document.
 *
 * @param shared what the API binds too: task queue, namespace prefix, TTL policy, codec; bound at
 *     {@code envforge.*} itself (the empty name), beside the worker's own settings
 * @param notifications where expiry warnings are sent besides the namespace's Events
 */
@ConfigurationProperties("envforge")
public record EnvforgeWorkerProperties(
    @Name("") SharedProperties shared,
    @DefaultValue NotificationsProperties notifications,
    @DefaultValue Clusters clusters,
    @DefaultValue Postgres postgres,
    NamespaceSettings namespaces,
    CrossplaneSettings crossplane) {

  /**
   * The registry of shared clusters.
   *
   * @param registry name → how to reach it
   * @param defaultCluster where environments go when a request names no cluster
   * @param managementCluster where Crossplane composites of dedicated clusters are created
   */
  public record Clusters(
      Map<String, ClusterEntry> registry,
      @DefaultValue("local") String defaultCluster,
      @DefaultValue("local") String managementCluster) {}

  /**
   * One cluster: a kubeconfig file with an optional context, or the pod's service account.
   *
   * @param inCluster use the service account of the pod the worker runs in
   */
  public record ClusterEntry(
      Path kubeconfig, String context, @DefaultValue("false") boolean inCluster) {}

  /**
   * The Postgres server of the {@code direct} driver.
   *
   * @param adminUrl JDBC URL of the admin connection; it must name the {@code postgres} database
   * @param adminPasswordFile file holding the admin password (mounted from a Secret in production)
   * @param appHost host written into connection Secrets (default: the admin URL's host)
   * @param appPort port written into connection Secrets (default: the admin URL's port)
   * @param maxParallelCreates bound on concurrent CREATE DATABASE on this server
   */
  public record Postgres(
      @DefaultValue("jdbc:postgresql://127.0.0.1:15432/postgres") String adminUrl,
      @DefaultValue("envforge_admin") String adminUser,
      Path adminPasswordFile,
      String appHost,
      @DefaultValue("0") int appPort,
      @DefaultValue("2") int maxParallelCreates) {}
}
