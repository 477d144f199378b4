package dev.envforge.activities.namespace;

import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.activities.temporal.Heartbeat;
import dev.envforge.activities.temporal.PatientPoller;
import dev.envforge.activities.temporal.PatientPoller.Probe;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment's namespace and its guardrails on the environment's cluster, written by
 * server-side apply so that running any step again converges on the same objects.
 */
public final class KubernetesNamespaceActivities implements NamespaceActivities {

  private static final Logger log = LoggerFactory.getLogger(KubernetesNamespaceActivities.class);

  /** How often a deletion is checked on, and so how often it heartbeats. */
  static final Duration DELETION_POLL_INTERVAL = Duration.ofSeconds(2);

  /** How long a fresh RoleBinding may take to reach the API server's authorizer. */
  static final Duration ACCESS_PATIENCE = Duration.ofSeconds(10);

  static final Duration ACCESS_POLL_INTERVAL = Duration.ofMillis(100);

  private final ClusterClients clients;
  private final NamespaceSettings settings;
  private final NamespaceObjects objects;
  private final WorkerAccess workerAccess;
  private final PatientPoller deletionPoller;
  private final PatientPoller accessPoller;

  public KubernetesNamespaceActivities(
      ClusterClients clients, NamespaceSettings settings, Heartbeat heartbeat) {
    this(clients, settings, heartbeat, WorkerAccess.none());
  }

  public KubernetesNamespaceActivities(
      ClusterClients clients,
      NamespaceSettings settings,
      Heartbeat heartbeat,
      WorkerAccess workerAccess) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.workerAccess = Objects.requireNonNull(workerAccess, "workerAccess");
    this.objects = new NamespaceObjects(settings);
    this.deletionPoller =
        new PatientPoller(settings.deletionPatience(), DELETION_POLL_INTERVAL, heartbeat);
    // A wait of seconds: no heartbeats, so that the step may also run as a local activity.
    this.accessPoller = new PatientPoller(ACCESS_PATIENCE, ACCESS_POLL_INTERVAL, Heartbeat.none());
  }

  @Override
  public void ensureNamespace(NamespaceSpec spec) {
    KubernetesClient client = clients.forCluster(spec.cluster());
    Namespace live = get(client, spec.namespace());
    if (live != null) {
      // Checked before ownership: a namespace on its way out frees the name, whoever had it, and
      // writing to it now would only be undone by its deletion.
      requireNotTerminating(live);
      requireOwned(live, spec);
    }
    apply(client, objects.namespace(spec));
    // Before the step ends: the database step, which reads Secrets here, starts right after.
    Optional<RoleBinding> access = workerAccess.roleBinding(spec);
    if (access.isPresent()) {
      apply(client, access.get());
      awaitSecretAccess(client, spec.namespace());
    }
  }

  /**
   * A new RoleBinding takes effect once the API server's authorizer has seen it, a moment after the
   * write; asking the same authorizer avoids a 403 that would fail the environment for good.
   */
  private void awaitSecretAccess(KubernetesClient client, String namespace) {
    accessPoller.await(
        "the worker's access to Secrets in " + namespace,
        () ->
            canReadSecrets(client, namespace) ? Probe.done(null) : Probe.pending("not granted yet"),
        // Transient: the step retries, and the binding is applied again.
        progress ->
            new IllegalStateException(
                "the worker's RoleBinding "
                    + WorkerAccess.ROLE_BINDING
                    + " in "
                    + namespace
                    + " does not grant reading Secrets yet"));
  }

  private static boolean canReadSecrets(KubernetesClient client, String namespace) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withNamespace(namespace)
            .withVerb("get")
            .withResource("secrets")
            .endResourceAttributes()
            .endSpec()
            .build();
    SelfSubjectAccessReview answer =
        KubernetesFailures.call(
            "review the worker's access to Secrets in " + namespace,
            () -> client.authorization().v1().selfSubjectAccessReview().create(review));
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }

  @Override
  public void applyGuardrails(NamespaceSpec spec) {
    KubernetesClient client = clients.forCluster(spec.cluster());
    for (HasMetadata guardrail : objects.guardrails(spec)) {
      if (guardrail instanceof RoleBinding binding) {
        replaceIfRoleChanged(client, binding);
      }
      apply(client, guardrail);
    }
  }

  /**
   * Re-applies the namespace and its guardrails with the new expiry, so that every object envforge
   * wrote tells the same expiry; nothing else in them changes.
   */
  @Override
  public void annotateExpiry(NamespaceSpec spec) {
    KubernetesClient client = clients.forCluster(spec.cluster());
    Namespace live = get(client, spec.namespace());
    if (live == null || NamespaceDeletion.isTerminating(live)) {
      // Re-creating a vanished namespace here would bring it back without its database; the
      // reaper reports such environments instead.
      log.warn(
          "namespace {} of environment {} is {}; its expiry annotation is not updated",
          spec.namespace(),
          spec.labels().environmentId(),
          live == null ? "gone" : "terminating");
      return;
    }
    requireOwned(live, spec);
    apply(client, objects.namespace(spec));
    applyGuardrails(spec);
  }

  @Override
  public void deleteNamespace(NamespaceSpec spec) {
    KubernetesClient client = clients.forCluster(spec.cluster());
    Namespace deleted = NamespaceDeletion.request(client, spec);
    if (deleted != null) {
      awaitGone(client, deleted);
    }
  }

  /**
   * Waits until the namespace the caller deleted is gone: the namespace controller first deletes
   * everything inside it, then removes its finalizers, which can take minutes or hang forever on a
   * finalizer nobody removes.
   */
  private void awaitGone(KubernetesClient client, Namespace deleted) {
    String name = deleted.getMetadata().getName();
    String uid = deleted.getMetadata().getUid();
    deletionPoller.await(
        "waiting for namespace " + name + " to be deleted",
        () -> {
          Namespace current = get(client, name);
          return NamespaceDeletion.gone(current, uid)
              ? Probe.done(null)
              : Probe.pending(NamespaceDeletion.whatKeepsIt(current));
        },
        progress ->
            EnvironmentFailure.NAMESPACE_STUCK.failure(
                "namespace "
                    + name
                    + " is still terminating after "
                    + deletionPoller.patience()
                    + "; "
                    + progress));
  }

  /**
   * RoleBinding's roleRef cannot be changed in place; a new configured role needs a new binding.
   */
  private static void replaceIfRoleChanged(KubernetesClient client, RoleBinding desired) {
    String what =
        "read RoleBinding "
            + desired.getMetadata().getNamespace()
            + "/"
            + desired.getMetadata().getName();
    RoleBinding live = KubernetesFailures.call(what, () -> client.resource(desired).get());
    if (live != null && !desired.getRoleRef().equals(live.getRoleRef())) {
      KubernetesFailures.run(
          "replace RoleBinding " + desired.getMetadata().getName(),
          () -> client.resource(live).delete());
    }
  }

  private static void requireNotTerminating(Namespace live) {
    if (NamespaceDeletion.isTerminating(live)) {
      // Transient on purpose: the step retries and succeeds once the old namespace is gone.
      throw new IllegalStateException(
          "namespace "
              + live.getMetadata().getName()
              + " is still terminating from an earlier deletion; "
              + NamespaceDeletion.whatKeepsIt(live));
    }
  }

  private static void requireOwned(Namespace live, NamespaceSpec spec) {
    if (!ManagedMetadata.ownedBy(live.getMetadata().getLabels(), spec.labels())) {
      throw EnvironmentFailure.NAMESPACE_CONFLICT.failure(
          "namespace "
              + spec.namespace()
              + " already exists and does not belong to environment "
              + spec.labels().environmentId());
    }
  }

  private static Namespace get(KubernetesClient client, String name) {
    return KubernetesFailures.call(
        "read namespace " + name, () -> client.namespaces().withName(name).get());
  }

  private static void apply(KubernetesClient client, HasMetadata desired) {
    String namespace = desired.getMetadata().getNamespace();
    String what =
        "apply "
            + desired.getKind()
            + " "
            + (namespace == null ? "" : namespace + "/")
            + desired.getMetadata().getName();
    KubernetesFailures.run(
        what,
        () ->
            client
                .resource(desired)
                .fieldManager(ManagedMetadata.FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply());
  }
}
