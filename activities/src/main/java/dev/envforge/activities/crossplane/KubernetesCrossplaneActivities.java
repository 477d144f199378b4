package dev.envforge.activities.crossplane;

import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.KubernetesFailures;
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
import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
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
  private final CompositeLifecycle composites;

  public KubernetesCrossplaneActivities(
      ClusterClients clients, CrossplaneSettings settings, Heartbeat heartbeat) {
    this.clients = clients;
    this.settings = settings;
    this.composites =
        new CompositeLifecycle(
            new PatientPoller(settings.readyPatience(), settings.pollInterval(), heartbeat));
  }

  /** For the worker: heartbeats go to the running Temporal activity. */
  public KubernetesCrossplaneActivities(ClusterClients clients, CrossplaneSettings settings) {
    this(clients, settings, Heartbeat.temporal());
  }

  @Override
  public ClusterRef ensureDedicatedCluster(DedicatedClusterSpec spec) {
    String what = "dedicated cluster '" + spec.compositeName() + "'";
    KubernetesClient management = clients.management();
    ClusterRef ref = DedicatedClusterComposite.reference(spec, settings);
    Resource<Secret> kubeconfig =
        management
            .secrets()
            .inNamespace(ref.connectionSecretNamespace())
            .withName(ref.connectionSecretName());
    return KubernetesFailures.call(
        "provision " + what,
        () ->
            composites.ensure(
                management,
                DedicatedClusterComposite.desired(spec, settings),
                CompositeKind.DEDICATED_CLUSTER,
                spec.labels(),
                what,
                () -> kubeconfigWritten(kubeconfig, ref)));
  }

  /**
   * Crossplane reports Ready once the cluster answers; the kubeconfig may follow a moment later.
   */
  private static Probe<ClusterRef> kubeconfigWritten(Resource<Secret> kubeconfig, ClusterRef ref) {
    Secret secret = kubeconfig.get();
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
    return Probe.done(ref);
  }

  @Override
  public void deleteDedicatedCluster(DedicatedClusterSpec spec) {
    String what = "dedicated cluster '" + spec.compositeName() + "'";
    Resource<XEnvCluster> composite =
        clients.management().resources(XEnvCluster.class).withName(spec.compositeName());
    KubernetesFailures.run(
        "delete " + what,
        () -> {
          composites.delete(composite, spec.labels(), what);
          // A cluster of the same name made later gets a fresh client from its new kubeconfig.
          clients.forget(DedicatedClusterComposite.reference(spec, settings));
        });
  }

  @Override
  public DatabaseRef ensureCompositeDatabase(DatabaseSpec spec) {
    String what = compositeDatabase(spec);
    if (spec.secretName().equals(CompositeDatabase.connectionSecretName(spec))) {
      throw EnvironmentFailure.INVALID_REQUEST.failure(
          "the Secret name '" + spec.secretName() + "' is reserved for " + what);
    }
    KubernetesClient client = clients.forCluster(spec.cluster());
    Resource<Secret> source =
        client
            .secrets()
            .inNamespace(spec.namespace())
            .withName(CompositeDatabase.connectionSecretName(spec));
    Resource<Secret> target =
        client.secrets().inNamespace(spec.namespace()).withName(spec.secretName());
    return KubernetesFailures.call(
        "provision " + what,
        () -> {
          CompositeLifecycle.refuseForeign(
              target.get(),
              spec.labels(),
              EnvironmentFailure.DATABASE_CONFLICT,
              "Secret '" + spec.namespace() + "/" + spec.secretName() + "'");
          DatabaseCredentials credentials =
              composites.ensure(
                  client,
                  CompositeDatabase.desired(spec, settings),
                  CompositeKind.DATABASE,
                  spec.labels(),
                  what,
                  () -> connectionPublished(source, spec));
          ConnectionSecretWriter.apply(client, ConnectionSecret.desired(spec, credentials));
          log.info("wrote Secret {} of {}", spec.secretName(), what);
          return credentials.reference(spec.secretName());
        });
  }

  /** The Composition writes the connection details into their Secret around the time of Ready. */
  private static Probe<DatabaseCredentials> connectionPublished(
      Resource<Secret> source, DatabaseSpec spec) {
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
    String what = compositeDatabase(spec);
    KubernetesClient client = clients.forCluster(spec.cluster());
    Resource<EnvDatabase> composite =
        client
            .resources(EnvDatabase.class)
            .inNamespace(spec.namespace())
            .withName(CompositeDatabase.compositeName(spec));
    KubernetesFailures.run(
        "delete " + what,
        () -> {
          // Someone else's Secret of that name is left alone, like an absent one.
          if (ConnectionSecretWriter.deleteIfOwned(
              client, spec.namespace(), spec.secretName(), spec.labels())) {
            log.info("deleted Secret '{}/{}'", spec.namespace(), spec.secretName());
          }
          composites.delete(composite, spec.labels(), what);
        });
  }

  private static String compositeDatabase(DatabaseSpec spec) {
    return "composite database '"
        + spec.namespace()
        + "/"
        + CompositeDatabase.compositeName(spec)
        + "'";
  }
}
