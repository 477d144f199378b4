package dev.envforge.activities.argocd;

import dev.envforge.activities.argocd.KubeconfigCredentials.UnusableKubeconfigException;
import dev.envforge.activities.kubernetes.ClusterConnection;
import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.workflows.activities.ArgoCdActivities;
import dev.envforge.workflows.activities.ArgoCdRegistrationSpec;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.request.ClusterMode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers environments with Argo CD by writing its declarative objects into its namespace, by
 * server-side apply so that a retried call converges on the same objects. An object of the
 * environment's name that someone else owns is never taken over, nor deleted.
 *
 * <p>A dedicated cluster's credentials are read from its connection Secret and written only into
 * the cluster Secret; they appear in no log line, exception or return value.
 */
public final class KubernetesArgoCdActivities implements ArgoCdActivities {

  private static final Logger log = LoggerFactory.getLogger(KubernetesArgoCdActivities.class);

  private static final int NOT_FOUND = 404;

  private final RegistryClusterClients clients;
  private final ArgoCdSettings settings;
  private final ArgoCdObjects objects;

  public KubernetesArgoCdActivities(RegistryClusterClients clients, ArgoCdSettings settings) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.objects = new ArgoCdObjects(settings);
  }

  @Override
  public void registerWithArgoCd(ArgoCdRegistrationSpec spec) {
    KubernetesClient argoCd = argoCdClient();
    ArgoCdCluster dedicated =
        spec.cluster().mode() == ClusterMode.DEDICATED ? dedicatedCluster(spec.cluster()) : null;
    String server = dedicated != null ? dedicated.server() : sharedServer(spec.cluster().name());

    GenericKubernetesResource project = objects.appProject(spec, server);
    requireOwnedOrAbsent(liveProject(argoCd, project.getMetadata().getName()), spec.labels());
    HasMetadata appliedProject = applyProject(argoCd, project);
    if (dedicated != null) {
      Secret secret = ownedBy(objects.clusterSecret(spec, dedicated), appliedProject);
      requireOwnedOrAbsent(liveSecret(argoCd, secret.getMetadata().getName()), spec.labels());
      applySecret(argoCd, secret);
    }
    log.info(
        "registered environment {} with Argo CD: AppProject {}/{} for {} on {}{}",
        spec.labels().environmentId(),
        settings.namespace(),
        project.getMetadata().getName(),
        spec.namespace(),
        server,
        dedicated != null ? " and its cluster Secret" : "");
  }

  @Override
  public void unregisterFromArgoCd(ArgoCdRegistrationSpec spec) {
    KubernetesClient argoCd = argoCdClient();
    EnvironmentLabels labels = spec.labels();
    // Looked for whatever the cluster's kind: a retried undo finds what an earlier attempt left.
    String secretName = ArgoCdObjects.clusterSecretName(labels);
    Secret secret = liveSecret(argoCd, secretName);
    if (secret != null && ManagedMetadata.ownedBy(secret.getMetadata().getLabels(), labels)) {
      delete(
          "delete Secret " + settings.namespace() + "/" + secretName,
          true,
          () -> argoCd.secrets().inNamespace(settings.namespace()).withName(secretName).delete());
    }
    String projectName = ArgoCdObjects.projectName(labels);
    GenericKubernetesResource project = liveProject(argoCd, projectName);
    if (project != null && ManagedMetadata.ownedBy(project.getMetadata().getLabels(), labels)) {
      delete(
          "delete AppProject " + settings.namespace() + "/" + projectName,
          false,
          () ->
              argoCd
                  .genericKubernetesResources(ArgoCdObjects.APP_PROJECTS)
                  .inNamespace(settings.namespace())
                  .withName(projectName)
                  .delete());
    }
    log.info("removed environment {} from Argo CD", labels.environmentId());
  }

  private KubernetesClient argoCdClient() {
    return settings.cluster() == null ? clients.management() : clients.shared(settings.cluster());
  }

  /** How Argo CD names a shared cluster: configured, its own in-cluster name, or the URL. */
  private String sharedServer(String clusterName) {
    String configured = settings.clusterServers().get(clusterName);
    if (configured != null) {
      return configured;
    }
    boolean inCluster =
        clients.registry().find(clusterName).map(ClusterConnection::inCluster).orElse(false);
    if (inCluster) {
      return ArgoCdSettings.IN_CLUSTER_SERVER;
    }
    return KubeconfigCredentials.stripTrailingSlash(
        clients.shared(clusterName).getMasterUrl().toString());
  }

  /**
   * The dedicated cluster's server and credentials, from its kubeconfig in the connection Secret.
   */
  private ArgoCdCluster dedicatedCluster(ClusterRef cluster) {
    String where = cluster.connectionSecretNamespace() + "/" + cluster.connectionSecretName();
    Secret secret;
    try {
      secret =
          clients
              .management()
              .secrets()
              .inNamespace(cluster.connectionSecretNamespace())
              .withName(cluster.connectionSecretName())
              .get();
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.translateWithoutDetails(
          "read the connection Secret " + where, e, IllegalStateException::new);
    }
    String encoded =
        secret == null || secret.getData() == null
            ? null
            : secret.getData().get(RegistryClusterClients.KUBECONFIG_KEY);
    if (encoded == null) {
      // Transient: Crossplane may not have written it yet; the step retries.
      throw new IllegalStateException(
          "the connection Secret "
              + where
              + " of cluster '"
              + cluster.name()
              + "' has no kubeconfig");
    }
    try {
      return KubeconfigCredentials.of(
          new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    } catch (UnusableKubeconfigException | IllegalArgumentException e) {
      throw EnvironmentFailure.ARGOCD_UNAVAILABLE.failure(
          "the kubeconfig in the connection Secret "
              + where
              + " cannot become an Argo CD cluster Secret: "
              + (e instanceof UnusableKubeconfigException ? e.getMessage() : "it is not base64"));
    }
  }

  private GenericKubernetesResource liveProject(KubernetesClient client, String name) {
    return KubernetesFailures.call(
        "read AppProject " + settings.namespace() + "/" + name,
        () ->
            client
                .genericKubernetesResources(ArgoCdObjects.APP_PROJECTS)
                .inNamespace(settings.namespace())
                .withName(name)
                .get());
  }

  private Secret liveSecret(KubernetesClient client, String name) {
    try {
      return client.secrets().inNamespace(settings.namespace()).withName(name).get();
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.translateWithoutDetails(
          "read Secret " + settings.namespace() + "/" + name, e, IllegalStateException::new);
    }
  }

  /** Refuses to take over an object of the environment's name that someone else made. */
  private void requireOwnedOrAbsent(HasMetadata live, EnvironmentLabels labels) {
    if (live == null || ManagedMetadata.ownedBy(live.getMetadata().getLabels(), labels)) {
      return;
    }
    Map<String, String> liveLabels = live.getMetadata().getLabels();
    String owner =
        liveLabels != null && liveLabels.get(EnvironmentLabels.ENVIRONMENT) != null
            ? "envforge environment " + liveLabels.get(EnvironmentLabels.ENVIRONMENT)
            : "someone other than envforge";
    throw EnvironmentFailure.ARGOCD_CONFLICT.failure(
        live.getKind()
            + " "
            + settings.namespace()
            + "/"
            + live.getMetadata().getName()
            + " already exists and belongs to "
            + owner);
  }

  private HasMetadata applyProject(KubernetesClient client, GenericKubernetesResource project) {
    HasMetadata[] applied = new HasMetadata[1];
    run(
        "apply AppProject " + settings.namespace() + "/" + project.getMetadata().getName(),
        false,
        () ->
            applied[0] =
                client
                    .genericKubernetesResources(ArgoCdObjects.APP_PROJECTS)
                    .inNamespace(settings.namespace())
                    .resource(project)
                    .fieldManager(ManagedMetadata.FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply());
    return applied[0];
  }

  /**
   * Makes the cluster Secret a dependent of its project, so Kubernetes' garbage collector deletes
   * it with the project: the reaper then needs to find leftover projects only, and never lists Argo
   * CD's Secrets (which hold Argo CD's own credentials).
   */
  private static Secret ownedBy(Secret secret, HasMetadata project) {
    return new SecretBuilder(secret)
        .editMetadata()
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(project.getApiVersion())
                .withKind(project.getKind())
                .withName(project.getMetadata().getName())
                .withUid(project.getMetadata().getUid())
                .build())
        .endMetadata()
        .build();
  }

  private void applySecret(KubernetesClient client, Secret secret) {
    run(
        "apply Secret " + settings.namespace() + "/" + secret.getMetadata().getName(),
        true,
        () ->
            client
                .secrets()
                .inNamespace(settings.namespace())
                .resource(secret)
                .fieldManager(ManagedMetadata.FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply());
  }

  /**
   * Runs a write, telling a missing namespace or kind (configuration no retry fixes) from the usual
   * failures. Secrets' failures are translated without the server's message, which may quote what
   * was sent.
   */
  private void run(String what, boolean secret, Runnable call) {
    try {
      call.run();
    } catch (KubernetesClientException e) {
      if (e.getCode() == NOT_FOUND) {
        throw EnvironmentFailure.ARGOCD_UNAVAILABLE.failure(
            "could not "
                + what
                + ": "
                + missing(e.getStatus() == null ? null : e.getStatus().getDetails()));
      }
      throw secret
          ? KubernetesFailures.translateWithoutDetails(what, e, IllegalStateException::new)
          : KubernetesFailures.translate(what, e);
    }
  }

  /** A delete: an object already gone, or a kind no longer served, is as good as deleted. */
  private static void delete(String what, boolean secret, Runnable call) {
    try {
      call.run();
    } catch (KubernetesClientException e) {
      if (e.getCode() == NOT_FOUND) {
        return;
      }
      throw secret
          ? KubernetesFailures.translateWithoutDetails(what, e, IllegalStateException::new)
          : KubernetesFailures.translate(what, e);
    }
  }

  private String missing(StatusDetails details) {
    String cluster =
        settings.cluster() == null
            ? "the management cluster"
            : "cluster '" + settings.cluster() + "'";
    if (details != null && "namespaces".equals(details.getKind())) {
      return "Argo CD's namespace '" + settings.namespace() + "' does not exist in " + cluster;
    }
    return cluster
        + " does not serve Argo CD's AppProject kind (appprojects.argoproj.io/v1alpha1);"
        + " are Argo CD's CRDs installed?";
  }
}
