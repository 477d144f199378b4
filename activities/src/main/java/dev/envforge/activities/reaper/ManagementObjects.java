package dev.envforge.activities.reaper;

import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.reaper.LeftoverDeclaration;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects of one declared kind in the management cluster, by the API server's own description
 * of the kind (found by discovery, so any kind can be declared without a model class). A kind the
 * cluster does not serve (its CRD not installed) has no objects.
 */
final class ManagementObjects {

  private final KubernetesClient client;
  private final LeftoverDeclaration declaration;
  private final ResourceDefinitionContext context;

  private ManagementObjects(
      KubernetesClient client, LeftoverDeclaration declaration, ResourceDefinitionContext context) {
    this.client = client;
    this.declaration = declaration;
    this.context = context;
  }

  /** The kind as the cluster serves it, or empty when it does not. */
  static Optional<ManagementObjects> of(KubernetesClient client, LeftoverDeclaration declaration) {
    APIResourceList served;
    try {
      served = client.getApiResources(declaration.apiVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw KubernetesFailures.translate("discover " + declaration.apiVersion(), e);
    }
    if (served == null || served.getResources() == null) {
      return Optional.empty();
    }
    return served.getResources().stream()
        .filter(r -> declaration.resourceKind().equals(r.getKind()))
        // Subresources (status, scale) share the kind; the resource itself has no '/'.
        .filter(r -> !r.getName().contains("/"))
        .findFirst()
        .map(
            (APIResource r) ->
                new ManagementObjects(
                    client,
                    declaration,
                    ResourceDefinitionContext.fromApiResource(declaration.apiVersion(), r)));
  }

  /**
   * Every object of the kind that carries envforge's labels and the declaration's selector, in the
   * declaration's namespace if it names one.
   */
  List<GenericKubernetesResource> list() {
    Map<String, String> labels = new HashMap<>(declaration.selector());
    labels.put(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE);
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        operation = client.genericKubernetesResources(context);
    GenericKubernetesResourceList found =
        KubernetesFailures.call(
            "list " + declaration.kind() + " objects",
            () ->
                !context.isNamespaceScoped()
                    ? operation.withLabels(labels).list()
                    : declaration.namespace() != null
                        ? operation.inNamespace(declaration.namespace()).withLabels(labels).list()
                        : operation.inAnyNamespace().withLabels(labels).list());
    return found.getItems();
  }

  /** The object now, or null when it is gone. */
  GenericKubernetesResource get(String namespace, String name) {
    return KubernetesFailures.call(
        "read " + declaration.kind() + " " + name, () -> resource(namespace, name).get());
  }

  /** Asks for the object's deletion; its dependents go in the background. Gone is done. */
  void delete(String namespace, String name) {
    KubernetesFailures.call(
        "delete " + declaration.kind() + " " + name,
        () ->
            resource(namespace, name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete());
  }

  private Resource<GenericKubernetesResource> resource(String namespace, String name) {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        operation = client.genericKubernetesResources(context);
    return context.isNamespaceScoped() && namespace != null
        ? operation.inNamespace(namespace).withName(name)
        : operation.withName(name);
  }
}
