package dev.envforge.worker.config;

import dev.envforge.activities.access.KubernetesAccessActivities;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.namespace.NamespaceSettings;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Developers' access: the activities that mint and revoke their tokens. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
public class AccessConfiguration {

  @Bean
  KubernetesAccessActivities accessActivities(
      RegistryClusterClients clients,
      EnvforgeWorkerProperties properties,
      AccessProperties access) {
    NamespaceSettings namespaces =
        properties.namespaces() == null ? NamespaceSettings.defaults() : properties.namespaces();
    return new KubernetesAccessActivities(
        clients, namespaces, access.settings(), Clock.systemUTC());
  }
}
