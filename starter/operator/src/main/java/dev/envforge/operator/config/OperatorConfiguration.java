package dev.envforge.operator.config;

import dev.envforge.operator.reconcile.EnvironmentReconciler;
import dev.envforge.operator.reconcile.TeamNamespaces;
import dev.envforge.operator.reconcile.TransitionEvents;
import dev.envforge.starter.quota.TeamQuota;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.TemporalCallSettings;
import dev.envforge.workflows.settings.CodecProperties;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
public class OperatorConfiguration {

  /** What the shared Temporal gateway needs of the operator's settings. */
  @Bean
  TemporalCallSettings temporalCallSettings(OperatorProperties properties) {
    return new TemporalCallSettings(
        properties.shared().taskQueue(), properties.queryTimeout(), properties.updateTimeout());
  }

  /** The codec settings on their own, for payload encryption. */
  @Bean
  CodecProperties codecProperties(OperatorProperties properties) {
    return properties.shared().codec();
  }

  /** The management cluster, where the resources and the teams' namespaces are. */
  @Bean(destroyMethod = "close")
  KubernetesClient kubernetesClient(OperatorProperties properties) {
    OperatorProperties.Operator operator = properties.operator();
    String context = operator.kubeContext().isBlank() ? null : operator.kubeContext();
    Config config;
    if (operator.kubeconfig().isBlank()) {
      config = context == null ? Config.autoConfigure(null) : Config.autoConfigure(context);
    } else {
      try {
        config =
            Config.fromKubeconfig(context, Files.readString(Path.of(operator.kubeconfig())), null);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the kubeconfig "
                + operator.kubeconfig()
                + " (envforge.operator.kubeconfig)",
            e);
      }
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Bean
  EnvironmentReconciler environmentReconciler(
      EnvironmentRuns runs,
      TeamQuota quota,
      KubernetesClient kubernetes,
      WorkflowClient temporal,
      OperatorProperties properties) {
    OperatorProperties.Operator operator = properties.operator();
    return new EnvironmentReconciler(
        runs,
        quota,
        new TeamNamespaces(kubernetes, operator.teamLabel()),
        properties.shared().requestLimits(),
        new EnvironmentReconciler.Pacing(operator.pollInterval(), operator.resyncInterval()),
        properties.temporalUiBaseUrl(),
        temporal.getOptions().getNamespace(),
        new TransitionEvents(kubernetes),
        Clock.systemUTC());
  }
}
