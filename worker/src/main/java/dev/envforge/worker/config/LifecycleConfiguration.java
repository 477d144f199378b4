package dev.envforge.worker.config;

import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.notification.HttpWebhookNotifier;
import dev.envforge.activities.notification.WebhookLifecycleNotifications;
import dev.envforge.activities.workload.KubernetesWorkloadActivities;
import dev.envforge.workflows.activities.LifecycleNotificationActivities;
import dev.envforge.workflows.activities.WorkloadActivities;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The activities of sleep and wake, and of lifecycle notifications. */
@Configuration(proxyBeanMethods = false)
public class LifecycleConfiguration {

  @Bean
  WorkloadActivities workloadActivities(RegistryClusterClients clients) {
    return new KubernetesWorkloadActivities(clients);
  }

  @Bean
  LifecycleNotificationActivities lifecycleNotificationActivities(
      EnvforgeWorkerProperties properties) {
    return new WebhookLifecycleNotifications(
        new HttpWebhookNotifier(properties.notifications().settings()));
  }
}
