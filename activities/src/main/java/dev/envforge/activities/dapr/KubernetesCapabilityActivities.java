package dev.envforge.activities.dapr;

import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.CapabilityActivities;
import dev.envforge.workflows.activities.ComponentsSpec;
import dev.envforge.workflows.activities.DaprComponent;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.request.Capability;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Dapr components of an environment's capabilities, written by server-side apply so that
 * running the step again converges on the same objects. Deleting treats a missing component, and a
 * cluster without Dapr, as done, and leaves a component of the same name that is someone else's.
 */
public final class KubernetesCapabilityActivities implements CapabilityActivities {

  private static final int NOT_FOUND = 404;

  private final ClusterClients clients;

  public KubernetesCapabilityActivities(ClusterClients clients) {
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  @Override
  public List<DaprComponent> applyDaprComponents(ComponentsSpec spec) {
    var components = components(clients.forCluster(spec.cluster()), spec);
    List<DaprComponent> applied = new ArrayList<>();
    for (Capability capability : spec.capabilities()) {
      GenericKubernetesResource desired = DaprComponents.desired(spec, capability);
      String name = desired.getMetadata().getName();
      String where = spec.namespace() + "/" + name;
      // The client answers a missing object, and a missing resource type, with null.
      GenericKubernetesResource live =
          KubernetesFailures.call(
              "read Dapr Component " + where, () -> components.withName(name).get());
      if (live != null && !ManagedMetadata.ownedBy(live.getMetadata().getLabels(), spec.labels())) {
        throw EnvironmentFailure.CAPABILITY_CONFLICT.failure(
            "Dapr Component "
                + where
                + " already exists and does not belong to environment "
                + spec.labels().environmentId());
      }
      String what = "apply Dapr Component " + where;
      try {
        KubernetesFailures.call(
            what,
            () ->
                components
                    .resource(desired)
                    .fieldManager(ManagedMetadata.FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply());
      } catch (KubernetesClientException e) {
        throw unavailableOr(what, e);
      }
      applied.add(DaprComponents.describe(capability));
    }
    return applied;
  }

  @Override
  public void deleteDaprComponents(ComponentsSpec spec) {
    var components = components(clients.forCluster(spec.cluster()), spec);
    for (Capability capability : spec.capabilities()) {
      String name = DaprComponents.describe(capability).name();
      String where = spec.namespace() + "/" + name;
      Resource<GenericKubernetesResource> component = components.withName(name);
      GenericKubernetesResource live =
          KubernetesFailures.call("read Dapr Component " + where, component::get);
      if (live != null && ManagedMetadata.ownedBy(live.getMetadata().getLabels(), spec.labels())) {
        KubernetesFailures.call("delete Dapr Component " + where, component::delete);
      }
    }
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      components(KubernetesClient client, ComponentsSpec spec) {
    return client.genericKubernetesResources(DaprComponents.CONTEXT).inNamespace(spec.namespace());
  }

  /**
   * The namespace exists by now (an earlier step made it), so a 404 on a write is the API server
   * not knowing Dapr's Component resource at all: no retry helps until Dapr's CRDs are installed.
   */
  private static RuntimeException unavailableOr(String what, KubernetesClientException e) {
    if (e.getCode() == NOT_FOUND) {
      return EnvironmentFailure.CAPABILITY_UNAVAILABLE.failure(
          "could not "
              + what
              + ": the cluster does not serve "
              + DaprComponents.API_VERSION
              + " "
              + DaprComponents.KIND
              + "; Dapr's CRDs must be installed on it");
    }
    return e;
  }
}
