package dev.envforge.activities.namespace;

import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.NamespaceSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.Optional;
import java.util.Set;

/**
 * The worker's own access inside each environment namespace it makes: a RoleBinding of its service
 * account to a ClusterRole that lets it read Secrets there. Granting that per namespace, instead of
 * cluster-wide, is what keeps the worker from reading Secrets anywhere else (kube-system included);
 * the Helm chart creates the ClusterRole and allows the worker to bind exactly it.
 *
 * <p>Only clusters the worker reaches as its pod's service account get the binding: elsewhere it
 * authenticates with another identity, whose rights the cluster's owner grants.
 *
 * @param clusterRole the ClusterRole bound; blank means no binding (e.g. the local platform, where
 *     the worker is an administrator)
 * @param serviceAccount the worker's service account as {@code <namespace>/<name>}
 * @param clusters names of the registry clusters the worker reaches as that service account
 */
public record WorkerAccess(String clusterRole, String serviceAccount, Set<String> clusters) {

  public static final String ROLE_BINDING = "envforge-worker";

  public WorkerAccess {
    clusters = clusters == null ? Set.of() : Set.copyOf(clusters);
    if (clusterRole != null && !clusterRole.isBlank()) {
      if (serviceAccount == null || !serviceAccount.matches("[a-z0-9.-]+/[a-z0-9.-]+")) {
        throw new IllegalArgumentException(
            "the worker's service account must be <namespace>/<name>, was " + serviceAccount);
      }
    }
  }

  public static WorkerAccess none() {
    return new WorkerAccess(null, null, Set.of());
  }

  /** The binding for this environment's namespace, if the worker needs one on its cluster. */
  public Optional<RoleBinding> roleBinding(NamespaceSpec spec) {
    if (clusterRole == null || clusterRole.isBlank() || !clusters.contains(spec.cluster().name())) {
      return Optional.empty();
    }
    String[] account = serviceAccount.split("/", 2);
    return Optional.of(
        new RoleBindingBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(ROLE_BINDING)
                    .withNamespace(spec.namespace())
                    .withLabels(ManagedMetadata.labels(spec.labels()))
                    .build())
            .withNewRoleRef()
            .withApiGroup(NamespaceObjects.RBAC_API_GROUP)
            .withKind("ClusterRole")
            .withName(clusterRole)
            .endRoleRef()
            .addNewSubject()
            .withKind("ServiceAccount")
            .withNamespace(account[0])
            .withName(account[1])
            .endSubject()
            .build());
  }
}
