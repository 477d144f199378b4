package dev.envforge.activities.crossplane;

import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.secret.ConnectionSecret;
import dev.envforge.activities.secret.ConnectionSecretWriter;
import dev.envforge.activities.secret.DatabaseCredentials;
import dev.envforge.activities.temporal.Heartbeat;
import dev.envforge.activities.temporal.PatientPoller;
import dev.envforge.activities.temporal.PatientPoller.Probe;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.CrossplaneActivities;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CrossplaneActivities} against Kubernetes API servers where Crossplane serves envforge's
 * composites ({@code deploy/crossplane/}). Every call is idempotent: composites and Secrets have
 * deterministic names and are written by server-side apply; deleting what is gone is done.
 */
public final class KubernetesCrossplaneActivities implements CrossplaneActivities {

  private static final Logger log = LoggerFactory.getLogger(KubernetesCrossplaneActivities.class);

  private final ClusterClients clients;
  private final CrossplaneSettings settings;
  private final PatientPoller poller;

  public KubernetesCrossplaneActivities(
      ClusterClients clients, CrossplaneSettings settings, Heartbeat heartbeat) {
    this.clients = clients;
    this.settings = settings;
    this.poller = new PatientPoller(settings.readyPatience(), settings.pollInterval(), heartbeat);
  }

  /** For the worker: heartbeats go to the running Temporal activity. */
  public KubernetesCrossplaneActivities(ClusterClients clients, CrossplaneSettings settings) {
    this(clients, settings, Heartbeat.temporal());
  }

  @Override
  public ClusterRef ensureDedicatedCluster(DedicatedClusterSpec spec) {
    String name = spec.compositeName();
    String what = "dedicated cluster '" + name + "'";
    KubernetesClient management = clients.management();
    Resource<XEnvCluster> composite = management.resources(XEnvCluster.class).withName(name);
    return guarded(
        what,
        () -> {
          refuseForeign(composite.get(), spec.labels(), EnvironmentFailure.CLUSTER_NOT_READY, what);
          management
              .resource(DedicatedClusterComposite.desired(spec, settings))
              .fieldManager(ManagedMetadata.FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
          log.info("applied {}; waiting until it is Ready", what);
          ClusterRef ref = DedicatedClusterComposite.reference(spec, settings);
          poller.await(
              what,
              () -> clusterProbe(composite, ref, what),
              progress ->
                  EnvironmentFailure.CLUSTER_NOT_READY.failure(
                      what
                          + " is not Ready after "
                          + poller.patience()
                          + "; last seen: "
                          + progress));
          log.info("{} is Ready", what);
          return ref;
        });
  }

  private Probe<Void> clusterProbe(Resource<XEnvCluster> composite, ClusterRef ref, String what) {
    XEnvCluster live = composite.get();
    stillThere(live, what);
    CompositeReadiness.Verdict verdict = CompositeReadiness.of(live.getStatus());
    switch (verdict.state()) {
      case FINAL_FAILURE:
        throw EnvironmentFailure.CLUSTER_NOT_READY.failure(
            what + " cannot become Ready: " + verdict.summary());
      case READY:
        break;
      default:
        return Probe.pending(progressOf(verdict));
    }
    Secret secret =
        clients
            .management()
            .secrets()
            .inNamespace(ref.connectionSecretNamespace())
            .withName(ref.connectionSecretName())
            .get();
    if (secret == null
        || secret.getData() == null
        || secret.getData().getOrDefault(RegistryClusterClients.KUBECONFIG_KEY, "").isBlank()) {
      return Probe.pending(
          "Ready, but Secret "
              + ref.connectionSecretNamespace()
              + "/"
              + ref.connectionSecretName()
              + " has no '"
              + RegistryClusterClients.KUBECONFIG_KEY
              + "' yet");
    }
    return Probe.done(null);
  }

  /** Says so when Crossplane reports a failure, so a timeout names it as the likely cause. */
  private static String progressOf(CompositeReadiness.Verdict verdict) {
    return verdict.state() == CompositeReadiness.State.FAILING
        ? "failing: " + verdict.summary()
        : verdict.summary();
  }

  @Override
  public void deleteDedicatedCluster(DedicatedClusterSpec spec) {
    String what = "dedicated cluster '" + spec.compositeName() + "'";
    Resource<XEnvCluster> composite =
        clients.management().resources(XEnvCluster.class).withName(spec.compositeName());
    guarded(
        what,
        () -> {
          if (deleteIfOwned(composite, spec.labels(), what)) {
            awaitGone(composite, what);
          }
          // A cluster of the same name made later gets a fresh client from its new kubeconfig.
          clients.forget(DedicatedClusterComposite.reference(spec, settings));
          return null;
        });
  }

  @Override
  public DatabaseRef ensureCompositeDatabase(DatabaseSpec spec) {
    String name = CompositeDatabase.compositeName(spec);
    String what = "composite database '" + spec.namespace() + "/" + name + "'";
    if (spec.secretName().equals(CompositeDatabase.connectionSecretName(spec))) {
      throw EnvironmentFailure.INVALID_REQUEST.failure(
          "the Secret name '" + spec.secretName() + "' is reserved for " + what);
    }
    KubernetesClient client = clients.forCluster(spec.cluster());
    Resource<EnvDatabase> composite =
        client.resources(EnvDatabase.class).inNamespace(spec.namespace()).withName(name);
    Resource<Secret> source =
        client
            .secrets()
            .inNamespace(spec.namespace())
            .withName(CompositeDatabase.connectionSecretName(spec));
    Resource<Secret> target =
        client.secrets().inNamespace(spec.namespace()).withName(spec.secretName());
    return guarded(
        what,
        () -> {
          refuseForeign(composite.get(), spec.labels(), EnvironmentFailure.DATABASE_CONFLICT, what);
          refuseForeign(
              target.get(),
              spec.labels(),
              EnvironmentFailure.DATABASE_CONFLICT,
              "Secret '" + spec.namespace() + "/" + spec.secretName() + "'");
          client
              .resource(CompositeDatabase.desired(spec, settings))
              .fieldManager(ManagedMetadata.FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
          log.info("applied {}; waiting until it is Ready", what);
          DatabaseCredentials credentials =
              poller.await(
                  what,
                  () -> databaseProbe(composite, source, spec, what),
                  progress ->
                      EnvironmentFailure.DATABASE_NOT_READY.failure(
                          what
                              + " is not Ready after "
                              + poller.patience()
                              + "; last seen: "
                              + progress));
          ConnectionSecretWriter.apply(client, ConnectionSecret.desired(spec, credentials));
          log.info("{} is Ready; wrote Secret {}", what, spec.secretName());
          return credentials.reference(spec.secretName());
        });
  }

  private Probe<DatabaseCredentials> databaseProbe(
      Resource<EnvDatabase> composite, Resource<Secret> source, DatabaseSpec spec, String what) {
    EnvDatabase live = composite.get();
    stillThere(live, what);
    CompositeReadiness.Verdict verdict = CompositeReadiness.of(live.getStatus());
    switch (verdict.state()) {
      case FINAL_FAILURE:
        throw EnvironmentFailure.DATABASE_NOT_READY.failure(
            what + " cannot become Ready: " + verdict.summary());
      case READY:
        break;
      default:
        return Probe.pending(progressOf(verdict));
    }
    Secret secret = source.get();
    List<String> missing = CompositeConnectionSecret.missingKeys(secret);
    if (!missing.isEmpty()) {
      return Probe.pending(
          "Ready, but its connection Secret '"
              + CompositeDatabase.connectionSecretName(spec)
              + "' lacks "
              + missing);
    }
    return Probe.done(CompositeConnectionSecret.read(secret, spec.databaseName()));
  }

  @Override
  public void deleteCompositeDatabase(DatabaseSpec spec) {
    String name = CompositeDatabase.compositeName(spec);
    String what = "composite database '" + spec.namespace() + "/" + name + "'";
    KubernetesClient client = clients.forCluster(spec.cluster());
    Resource<EnvDatabase> composite =
        client.resources(EnvDatabase.class).inNamespace(spec.namespace()).withName(name);
    guarded(
        what,
        () -> {
          // Someone else's Secret of that name is left alone, like an absent one.
          if (ConnectionSecretWriter.deleteIfOwned(
              client, spec.namespace(), spec.secretName(), spec.labels())) {
            log.info("deleted Secret '{}/{}'", spec.namespace(), spec.secretName());
          }
          if (deleteIfOwned(composite, spec.labels(), what)) {
            awaitGone(composite, what);
          }
          return null;
        });
  }

  /** Deletes the object if it is this environment's; true when there may be something to await. */
  private static <T extends HasMetadata> boolean deleteIfOwned(
      Resource<T> resource, EnvironmentLabels env, String what) {
    T live = resource.get();
    if (live == null) {
      return false;
    }
    if (!ManagedMetadata.ownedBy(live.getMetadata().getLabels(), env)) {
      // Not ours (a name clash or a hand-made object): leave it and consider ours gone.
      log.warn("{} does not belong to environment {}; leaving it", what, env.environmentId());
      return false;
    }
    resource.delete();
    log.info("deleting {}", what);
    return true;
  }

  private <T extends HasMetadata> void awaitGone(Resource<T> resource, String what) {
    poller.await(
        what,
        () -> {
          T live = resource.get();
          return live == null
              ? Probe.done(null)
              : Probe.pending("deleting, finalizers " + live.getMetadata().getFinalizers());
        },
        // Transient: Crossplane may still be deleting cloud resources; the workflow retries.
        progress ->
            new IllegalStateException(
                what + " is still there after " + poller.patience() + "; " + progress));
  }

  private static void refuseForeign(
      HasMetadata live, EnvironmentLabels env, EnvironmentFailure failure, String what) {
    if (live != null && !ManagedMetadata.ownedBy(live.getMetadata().getLabels(), env)) {
      throw failure.failure(
          what + " exists and does not belong to environment " + env.environmentId());
    }
  }

  private static void stillThere(HasMetadata live, String what) {
    // Transient: a concurrent teardown removed or is removing it; a retry applies it again.
    if (live == null) {
      throw new IllegalStateException(what + " disappeared while waiting for it");
    }
    if (live.getMetadata().getDeletionTimestamp() != null) {
      throw new IllegalStateException(what + " is being deleted");
    }
  }

  /** Runs Kubernetes calls, turning refused credentials into {@code FORBIDDEN}, a final failure. */
  private static <T> T guarded(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 401 || e.getCode() == 403) {
        throw EnvironmentFailure.FORBIDDEN.failure(
            "the Kubernetes API refused envforge access to " + what + " (HTTP " + e.getCode() + ")",
            e);
      }
      throw e;
    }
  }
}
