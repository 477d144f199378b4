package dev.envforge.activities.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ArgoCdRegistrationSpec;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.request.ClusterMode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Argo CD registration against the local platform's API server, into which the platform script
 * installed Argo CD's own CRDs: what the API server stores is exactly what envforge declared. Each
 * test has an Argo CD namespace of its own. The "dedicated cluster" is the local API server itself,
 * reached through a connection Secret holding its admin kubeconfig, as Crossplane would write it.
 */
@ExtendWith(LocalPlatformExtension.class)
class ArgoCdRegistrationIT {

  private static final List<String> REPOS =
      List.of("https://git.example.com/payments/*", "https://charts.example.com");

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String team = "argo" + suffix;
  private final String argoCdNamespace = "argocd-it-" + suffix;
  private final String secretsNamespace = "argocd-it-conn-" + suffix;
  private final EnvironmentLabels labels =
      new EnvironmentLabels(
          team + "-review",
          team,
          "environment/" + team + "/review",
          Instant.parse("2030-01-01T00:00:00Z"));
  private final String namespace = "env-" + team + "-review";

  private LocalPlatform platform;
  private RegistryClusterClients clients;
  private KubernetesClient admin;

  @BeforeEach
  void connect(LocalPlatform platform) {
    this.platform = platform;
    clients = LocalClusterClients.of(platform);
    admin = LocalClusterClients.standaloneClient(platform);
    for (String name : List.of(argoCdNamespace, secretsNamespace)) {
      admin
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    }
  }

  @AfterEach
  void cleanUp() {
    admin.namespaces().withName(argoCdNamespace).delete();
    admin.namespaces().withName(secretsNamespace).delete();
    admin.close();
    clients.close();
  }

  private KubernetesArgoCdActivities activities() {
    return new KubernetesArgoCdActivities(
        clients, new ArgoCdSettings(argoCdNamespace, null, REPOS, Map.of()));
  }

  private GenericKubernetesResource project() {
    return admin
        .genericKubernetesResources(ArgoCdObjects.APP_PROJECTS)
        .inNamespace(argoCdNamespace)
        .withName(namespace)
        .get();
  }

  private Secret clusterSecret() {
    return admin.secrets().inNamespace(argoCdNamespace).withName(namespace + "-cluster").get();
  }

  private String localServer() {
    return admin.getMasterUrl().toString().replaceAll("/$", "");
  }

  @Test
  void givenASharedCluster_whenRegistered_itShouldStoreExactlyTheProjectAndNoClusterSecret() {
    ArgoCdRegistrationSpec spec =
        new ArgoCdRegistrationSpec(ClusterRef.shared(LocalClusterClients.NAME), namespace, labels);

    activities().registerWithArgoCd(spec);
    // A retried activity converges on the same object.
    activities().registerWithArgoCd(spec);

    GenericKubernetesResource project = project();
    assertThat(project.getMetadata().getLabels())
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/managed-by",
                "envforge",
                "envforge.dev/environment",
                labels.environmentId(),
                "envforge.dev/team",
                team));
    assertThat(project.getMetadata().getAnnotations())
        .containsEntry("envforge.dev/workflow-id", labels.workflowId())
        .containsEntry("envforge.dev/namespace", namespace);
    assertThat(project.getAdditionalProperties().get("spec"))
        .isEqualTo(
            Map.of(
                "description",
                "envforge environment " + labels.environmentId() + " of team " + team,
                "sourceRepos",
                REPOS,
                "destinations",
                List.of(Map.of("server", localServer(), "namespace", namespace))));
    assertThat(clusterSecret()).isNull();

    activities().unregisterFromArgoCd(spec);

    assertThat(project()).isNull();
    activities().unregisterFromArgoCd(spec);
  }

  @Test
  void givenADedicatedCluster_whenRegistered_itShouldStoreAClusterSecretFromItsKubeconfig() {
    String kubeconfig = platform.kubeconfigContents();
    ArgoCdRegistrationSpec spec = registerDedicated();

    Secret secret = clusterSecret();
    assertThat(secret.getMetadata().getLabels())
        .isEqualTo(
            Map.of(
                "argocd.argoproj.io/secret-type",
                "cluster",
                "app.kubernetes.io/managed-by",
                "envforge",
                "envforge.dev/environment",
                labels.environmentId(),
                "envforge.dev/team",
                team));
    Map<String, String> data = decoded(secret);
    assertThat(data)
        .containsOnlyKeys("name", "server", "config", "project", "namespaces", "clusterResources")
        .containsEntry("name", namespace)
        .containsEntry("server", localServer())
        .containsEntry("project", namespace)
        .containsEntry("namespaces", namespace)
        .containsEntry("clusterResources", "false");
    io.fabric8.kubernetes.api.model.Config local =
        new KubernetesSerialization()
            .unmarshal(kubeconfig, io.fabric8.kubernetes.api.model.Config.class);
    assertThat(new KubernetesSerialization().unmarshal(data.get("config"), Map.class))
        .isEqualTo(
            Map.of(
                "tlsClientConfig",
                Map.of(
                    "insecure",
                    false,
                    "caData",
                    local.getClusters().get(0).getCluster().getCertificateAuthorityData(),
                    "certData",
                    local.getUsers().get(0).getUser().getClientCertificateData(),
                    "keyData",
                    local.getUsers().get(0).getUser().getClientKeyData())));
    assertThat(project().getAdditionalProperties().get("spec"))
        .extracting(spec1 -> ((Map<?, ?>) spec1).get("destinations"))
        .isEqualTo(List.of(Map.of("server", localServer(), "namespace", namespace)));
    // What an ApplicationSet cluster generator selecting the team's environments finds.
    assertThat(
            admin
                .secrets()
                .inNamespace(argoCdNamespace)
                .withLabel("argocd.argoproj.io/secret-type", "cluster")
                .withLabel("envforge.dev/team", team)
                .list()
                .getItems())
        .extracting(found -> found.getMetadata().getName())
        .containsExactly(namespace + "-cluster");
    assertThat(secret.getMetadata().getOwnerReferences())
        .as("the cluster Secret goes with its project")
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("AppProject");
              assertThat(owner.getUid()).isEqualTo(project().getMetadata().getUid());
            });

    activities().unregisterFromArgoCd(spec);

    assertThat(clusterSecret()).isNull();
    assertThat(project()).isNull();
    assertThat(admin.secrets().inNamespace(secretsNamespace).withName("dedicated-kubeconfig").get())
        .as("the connection Secret is Crossplane's, not the registration's")
        .isNotNull();
  }

  @Test
  void givenADedicatedClustersProjectDeletedAlone_itShouldTakeItsClusterSecretWithIt() {
    registerDedicated();
    assertThat(clusterSecret()).isNotNull();

    // What the reaper does with a project whose environment is gone: delete the project only.
    admin
        .genericKubernetesResources("argoproj.io/v1alpha1", "AppProject")
        .inNamespace(argoCdNamespace)
        .withName(namespace)
        .delete();

    Awaitility.await("the garbage collector deletes the dependent cluster Secret")
        .atMost(Duration.ofSeconds(60))
        .until(() -> clusterSecret() == null);
  }

  @Test
  void givenAProjectOfTheSameNameThatEnvforgeDidNotMake_whenRegistered_itShouldRefuseAndKeepIt() {
    admin
        .genericKubernetesResources(ArgoCdObjects.APP_PROJECTS)
        .inNamespace(argoCdNamespace)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("AppProject")
                .withNewMetadata()
                .withName(namespace)
                .withNamespace(argoCdNamespace)
                .endMetadata()
                .withAdditionalProperties(
                    Map.of("spec", Map.of("sourceRepos", List.of("https://theirs.example.com"))))
                .build())
        .create();
    ArgoCdRegistrationSpec spec =
        new ArgoCdRegistrationSpec(ClusterRef.shared(LocalClusterClients.NAME), namespace, labels);

    assertThatThrownBy(() -> activities().registerWithArgoCd(spec))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("ARGOCD_CONFLICT");
              assertThat(failure.isNonRetryable()).isTrue();
            })
        .hasMessageContaining("AppProject " + argoCdNamespace + "/" + namespace)
        .hasMessageContaining("someone other than envforge");

    // The compensation that follows leaves the other project alone.
    activities().unregisterFromArgoCd(spec);
    assertThat(project().getAdditionalProperties().get("spec"))
        .isEqualTo(Map.of("sourceRepos", List.of("https://theirs.example.com")));
  }

  @Test
  void givenNoArgoCdNamespace_whenRegistered_itShouldFailForGoodSayingSo() {
    KubernetesArgoCdActivities misconfigured =
        new KubernetesArgoCdActivities(
            clients, new ArgoCdSettings("no-such-" + suffix, null, REPOS, Map.of()));
    ArgoCdRegistrationSpec spec =
        new ArgoCdRegistrationSpec(ClusterRef.shared(LocalClusterClients.NAME), namespace, labels);

    assertThatThrownBy(() -> misconfigured.registerWithArgoCd(spec))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("ARGOCD_UNAVAILABLE"))
        .hasMessageContaining("namespace 'no-such-" + suffix + "' does not exist");
    misconfigured.unregisterFromArgoCd(spec);
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> decoded = new LinkedHashMap<>();
    secret
        .getData()
        .forEach(
            (key, value) ->
                decoded.put(
                    key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    return decoded;
  }

  /** Registers a dedicated cluster whose connection Secret holds the platform's kubeconfig. */
  private ArgoCdRegistrationSpec registerDedicated() {
    String kubeconfig = platform.kubeconfigContents();
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("dedicated-kubeconfig")
                .withNamespace(secretsNamespace)
                .endMetadata()
                .withData(
                    Map.of(
                        "kubeconfig",
                        Base64.getEncoder()
                            .encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8))))
                .build())
        .create();
    ArgoCdRegistrationSpec spec =
        new ArgoCdRegistrationSpec(
            new ClusterRef(
                "env-" + team + "-review",
                ClusterMode.DEDICATED,
                secretsNamespace,
                "dedicated-kubeconfig"),
            namespace,
            labels);

    activities().registerWithArgoCd(spec);
    return spec;
  }
}
