package dev.envforge.activities.namespace;

import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.NamespaceSpec;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asking for an environment's namespace to go, and telling what keeps a terminating one: shared by
 * the environment's own undo, which waits for it, and the reaper's, whose sweep waits for many.
 */
final class NamespaceDeletion {

  private static final Logger log = LoggerFactory.getLogger(NamespaceDeletion.class);

  private NamespaceDeletion() {}

  /**
   * Deletes the environment's namespace unless it is already terminating; returns the namespace as
   * it was before, to wait for, or null when there is nothing to wait for (gone, or not this
   * environment's).
   */
  static Namespace request(KubernetesClient client, NamespaceSpec spec) {
    Namespace live = get(client, spec.namespace());
    if (live == null) {
      return null;
    }
    if (!ManagedMetadata.ownedBy(live.getMetadata().getLabels(), spec.labels())) {
      // Compensation may run for an environment whose ensureNamespace failed on a conflict: the
      // namespace it found belongs to someone else and must survive the teardown.
      log.warn(
          "namespace {} does not belong to environment {}; it is left in place",
          spec.namespace(),
          spec.labels().environmentId());
      return null;
    }
    if (!isTerminating(live)) {
      KubernetesFailures.run(
          "delete namespace " + spec.namespace(),
          () -> client.namespaces().withName(spec.namespace()).delete());
    }
    return live;
  }

  /** Whether the namespace that had this uid is gone: absent, or made again under its name. */
  static boolean gone(Namespace current, String uid) {
    return current == null || !Objects.equals(uid, current.getMetadata().getUid());
  }

  static boolean isTerminating(Namespace namespace) {
    return namespace.getMetadata().getDeletionTimestamp() != null;
  }

  /** What keeps a terminating namespace alive: its finalizers and the controller's conditions. */
  static String whatKeepsIt(Namespace namespace) {
    List<String> finalizers = namespace.getMetadata().getFinalizers();
    List<String> specFinalizers =
        namespace.getSpec() == null ? List.of() : namespace.getSpec().getFinalizers();
    String conditions =
        namespace.getStatus() == null || namespace.getStatus().getConditions() == null
            ? ""
            : namespace.getStatus().getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()))
                .map(NamespaceCondition::getMessage)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("; "));
    return "remaining finalizers "
        + finalizers
        + ", spec finalizers "
        + specFinalizers
        + (conditions.isEmpty() ? "" : "; " + conditions);
  }

  private static Namespace get(KubernetesClient client, String name) {
    return KubernetesFailures.call(
        "read namespace " + name, () -> client.namespaces().withName(name).get());
  }
}
