package dev.envforge.worker.reaper;

import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.namespace.KubernetesNamespaceDeletions;
import dev.envforge.activities.namespace.NamespaceSettings;
import dev.envforge.activities.postgres.PostgresServer;
import dev.envforge.activities.reaper.ConfiguredReaperSettingsActivities;
import dev.envforge.activities.reaper.KubernetesLeftoverActivities;
import dev.envforge.activities.reaper.KubernetesReaperActivities;
import dev.envforge.activities.reaper.TemporalEnvironmentRuns;
import dev.envforge.activities.temporal.Heartbeat;
import dev.envforge.worker.config.ArgoCdProperties;
import dev.envforge.worker.config.EnvforgeWorkerProperties;
import dev.envforge.workflows.reaper.Leftovers;
import dev.envforge.workflows.reaper.ReaperSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reaper's activities and its schedule. The bean names are the ones the Temporal worker
 * registers (see {@code spring.temporal.workers} in application.yaml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReaperProperties.class)
public class ReaperConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ReaperConfiguration.class);

  @Bean
  ConfiguredReaperSettingsActivities reaperSettingsActivities(
      ReaperProperties reaper,
      EnvforgeWorkerProperties properties,
      RegistryClusterClients clients,
      PostgresServer directPostgresServer,
      ArgoCdProperties argoCd) {
    return new ConfiguredReaperSettingsActivities(
        new ReaperSettings(
            properties.shared().namespacePrefix(),
            properties.shared().taskQueue(),
            reaper.dryRun(),
            reaper.orphanGrace(),
            List.copyOf(clients.registry().clusters().keySet()),
            reaper.teams(),
            List.copyOf(new TreeSet<>(postgresServers(reaper, directPostgresServer).keySet())),
            Leftovers.inManagementCluster(
                argoCd.enabled() ? argoCd.settings().namespace() : null)));
  }

  /**
   * Dedicated clusters, the management cluster's declared kinds and the databases of every
   * configured Postgres server: what the sweep finds besides registered clusters' namespaces.
   */
  @Bean(destroyMethod = "close")
  KubernetesLeftoverActivities leftoverActivities(
      RegistryClusterClients clients,
      WorkflowClient workflowClient,
      ReaperProperties reaper,
      PostgresServer directPostgresServer) {
    return new KubernetesLeftoverActivities(
        clients,
        new TemporalEnvironmentRuns(workflowClient),
        postgresServers(reaper, directPostgresServer));
  }

  /** The direct driver's server and the others the reaper is told of, by the report's names. */
  private static Map<String, PostgresServer> postgresServers(
      ReaperProperties reaper, PostgresServer direct) {
    Map<String, PostgresServer> servers = new TreeMap<>();
    servers.put(ReaperProperties.DIRECT_POSTGRES, direct);
    reaper
        .postgresServers()
        .forEach(
            (name, other) ->
                servers.put(
                    name,
                    PostgresServer.of(
                        other.adminUrl(), other.adminUser(), other.adminPasswordFile())));
    return servers;
  }

  @Bean(destroyMethod = "close")
  KubernetesReaperActivities reaperActivities(
      RegistryClusterClients clients, WorkflowClient workflowClient) {
    return new KubernetesReaperActivities(clients, new TemporalEnvironmentRuns(workflowClient));
  }

  /**
   * The reaper's halves of namespace deletion: teardowns request, sweeps wait for all theirs at
   * once, with the same patience as a single deletion.
   */
  @Bean
  KubernetesNamespaceDeletions namespaceDeletionActivities(
      RegistryClusterClients clients, EnvforgeWorkerProperties properties) {
    NamespaceSettings settings =
        properties.namespaces() == null ? NamespaceSettings.defaults() : properties.namespaces();
    return new KubernetesNamespaceDeletions(clients, settings, Heartbeat.temporal());
  }

  @Bean
  ReaperSchedule reaperSchedule(
      @Qualifier("temporalScheduleClient") ScheduleClient schedules,
      ReaperProperties reaper,
      EnvforgeWorkerProperties properties) {
    return new ReaperSchedule(schedules, reaper, properties.shared().taskQueue());
  }

  /**
   * Puts the schedule in place once the worker is up. A Temporal that does not answer yet is only
   * logged: the worker still serves environments, and its next start sets the schedule.
   */
  @Bean
  ApplicationRunner reaperScheduleAtStart(ReaperProperties reaper, ReaperSchedule schedule) {
    return args -> {
      if (!reaper.enabled()) {
        log.info(
            "reaper schedule {} not managed (envforge.reaper.enabled=false)", reaper.scheduleId());
        return;
      }
      try {
        schedule.createOrUpdate();
      } catch (RuntimeException e) {
        log.warn(
            "could not create or update reaper schedule {}: {}", reaper.scheduleId(), e.toString());
      }
    };
  }
}
