package dev.envforge.starter.e2e;

import dev.envforge.testing.LocalPlatform;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.stream.Stream;

/** Reads what environments left in the local platform's real API server, as an admin would. */
final class ClusterProbe implements AutoCloseable {

  private final KubernetesClient kubernetes;

  ClusterProbe(LocalPlatform platform) {
    kubernetes =
        new KubernetesClientBuilder()
            .withConfig(
                Config.fromKubeconfig(
                    platform.kubeContextOrNull(),
                    platform.kubeconfigContents(),
                    platform.kubeconfig().toString()))
            .build();
  }

  /** The namespace, or null when there is none (a Terminating one still counts). */
  Namespace namespace(String name) {
    return kubernetes.namespaces().withName(name).get();
  }

  /** Names of the namespaces labelled as the environment's, whatever they are called. */
  List<String> namespacesOf(String environmentId) {
    return kubernetes
        .namespaces()
        .withLabel(EnvironmentLabels.ENVIRONMENT, environmentId)
        .list()
        .getItems()
        .stream()
        .map(ns -> ns.getMetadata().getName())
        .toList();
  }

  /** The Dapr Components in a namespace, by name, each as the API server holds it. */
  java.util.Map<String, io.fabric8.kubernetes.api.model.GenericKubernetesResource> daprComponents(
      String namespace) {
    io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext components =
        new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup("dapr.io")
            .withVersion("v1alpha1")
            .withKind("Component")
            .withPlural("components")
            .withNamespaced(true)
            .build();
    return kubernetes
        .genericKubernetesResources(components)
        .inNamespace(namespace)
        .list()
        .getItems()
        .stream()
        .collect(
            java.util.stream.Collectors.toMap(
                component -> component.getMetadata().getName(), component -> component));
  }

  Secret secret(String namespace, String name) {
    return kubernetes.secrets().inNamespace(namespace).withName(name).get();
  }

  /** The guardrail objects envforge manages in a namespace, as {@code Kind/name}. */
  List<String> guardrails(String namespace) {
    return Stream.of(
            kubernetes.resourceQuotas().inNamespace(namespace).withLabel(managedBy()).list(),
            kubernetes.limitRanges().inNamespace(namespace).withLabel(managedBy()).list(),
            kubernetes
                .network()
                .networkPolicies()
                .inNamespace(namespace)
                .withLabel(managedBy())
                .list(),
            kubernetes.rbac().roleBindings().inNamespace(namespace).withLabel(managedBy()).list())
        .flatMap(list -> list.getItems().stream())
        .map(ClusterProbe::kindAndName)
        .toList();
  }

  /** Starts recording what happens to a namespace from now on, before it even exists. */
  NamespaceWatch watchNamespace(String name) {
    return NamespaceWatch.start(kubernetes, name);
  }

  /** Deletes every envforge namespace of the team; deletion finishes in the background. */
  void deleteNamespacesOfTeam(String team) {
    kubernetes
        .namespaces()
        .withLabel(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE)
        .withLabel(EnvironmentLabels.TEAM, team)
        .delete();
  }

  @Override
  public void close() {
    kubernetes.close();
  }

  private static String managedBy() {
    return EnvironmentLabels.MANAGED_BY + "=" + EnvironmentLabels.MANAGED_BY_VALUE;
  }

  private static String kindAndName(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
