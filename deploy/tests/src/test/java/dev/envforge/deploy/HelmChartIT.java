package dev.envforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envforge.activities.access.AccessObjects;
import dev.envforge.activities.access.AccessSettings;
import dev.envforge.activities.access.KubernetesAccessActivities;
import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.namespace.KubernetesNamespaceActivities;
import dev.envforge.activities.namespace.NamespaceObjects;
import dev.envforge.activities.namespace.NamespaceSettings;
import dev.envforge.activities.namespace.WorkerAccess;
import dev.envforge.activities.secret.ConnectionSecretWriter;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.access.SealedTokens;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.IssuedToken;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.TokenGrantSpec;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Helm chart against the local platform's real API server: lint, a server-side dry run of
 * everything it can render, an install whose worker identity is checked with real authorization
 * queries and by running the namespace activities as that identity, and an uninstall.
 *
 * <p>Pods do not run on the local platform (it has no kubelet); the objects are real all the same.
 */
@ExtendWith(LocalPlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HelmChartIT {

  private static final String MANAGED_BY = EnvironmentLabels.MANAGED_BY;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String release = "it-" + suffix;
  private final String namespace = "helm-it-" + suffix;
  private final String fullname = release + "-envforge";
  private final String workerUser =
      "system:serviceaccount:" + namespace + ":" + fullname + "-worker";
  private final String starterUser =
      "system:serviceaccount:" + namespace + ":" + fullname + "-starter";
  private final String operatorUser =
      "system:serviceaccount:" + namespace + ":" + fullname + "-operator";
  private final List<String> namespacesToRemove = new ArrayList<>();

  private LocalPlatform platform;
  private DeployTool helm;
  private KubernetesClient admin;
  private Path chart;

  @BeforeAll
  void buildHelm(LocalPlatform platform) {
    this.platform = platform;
    helm = DeployTool.build("helm");
    admin = LocalClusterClients.standaloneClient(platform);
    chart = LocalPlatformExtension.repositoryRoot().resolve("deploy/helm/envforge");
  }

  @AfterAll
  void cleanUp() {
    if (admin == null) {
      return;
    }
    if (admin.namespaces().withName(namespace).get() != null) {
      helm.run(kube("uninstall", release, "--namespace", namespace));
      namespacesToRemove.add(namespace);
    }
    for (String name : namespacesToRemove) {
      admin.namespaces().withName(name).delete();
    }
    admin.close();
  }

  @Test
  @Order(1)
  void givenTheDefaultValues_whenLinted_itShouldBeClean() {
    String output = helm.run("lint", "--strict", chart.toString()).successfulOutput();

    assertThat(output).contains("0 chart(s) failed").doesNotContain("[WARNING]");
  }

  @Test
  @Order(1)
  void givenWrongValues_whenRendered_itShouldFailNamingTheField() {
    assertThat(renderFailure("temporal.address=temporal-frontend"))
        .contains("/temporal/address")
        .contains("does not match pattern");
    assertThat(renderFailure("ttl.max=7d")).contains("/ttl/max");
    assertThat(renderFailure("worker.reaper.dryrun=false"))
        .contains("/worker/reaper")
        .contains("additional properties 'dryrun' not allowed");
    assertThat(renderFailure("temporal.codec.enabled=true"))
        .contains("/temporal/codec/secretName")
        .contains("/temporal/codec/activeKeyId");
    assertThat(renderFailure("worker.clusters.registry.eu.context=admin"))
        .contains("/worker/clusters/registry/eu")
        .contains("kubeconfigSecret");
  }

  @Test
  @Order(1)
  void givenTheTemporalCloudExample_whenRendered_itShouldReadTheApiKeyFromItsSecretFile() {
    Path example =
        LocalPlatformExtension.repositoryRoot()
            .resolve("deploy/temporal/envforge-values-temporal-cloud.yaml");
    List<HasMetadata> objects = render("cloud", "envforge-system", "--values", example.toString());

    for (String component : List.of("worker", "starter")) {
      String config =
          objects.stream()
              .filter(o -> o instanceof io.fabric8.kubernetes.api.model.ConfigMap)
              .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast)
              .filter(c -> c.getMetadata().getName().equals("cloud-envforge-" + component))
              .findFirst()
              .orElseThrow()
              .getData()
              .get("application.yaml");
      assertThat(config)
          .contains("target: envforge.a1b2c.tmprl.cloud:7233")
          .contains("enable-https: true")
          .contains("import: optional:configtree:/etc/envforge/temporal-api-key/")
          .contains("key-directory: /etc/envforge/codec-keys")
          .doesNotContain("api-key:");
    }
    String deployments =
        helm.run("template", "cloud", chart.toString(), "--values", example.toString())
            .successfulOutput();
    assertThat(deployments).contains("path: spring.temporal.connection.api-key");
  }

  @Test
  @Order(2)
  void givenEveryOption_whenTheTemplateIsDryRunOnTheServer_itShouldBeAccepted() {
    String dryRunNamespace = "helm-dry-" + suffix;
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(dryRunNamespace)
                .endMetadata()
                .build())
        .create();
    namespacesToRemove.add(dryRunNamespace);
    List<HasMetadata> objects =
        render(
            "dry-" + suffix,
            dryRunNamespace,
            "--values",
            resource("deploy/every-option.yaml").toString(),
            "--set",
            "worker.crossplane.connectionSecretNamespace=" + dryRunNamespace,
            "--set",
            "worker.argocd.namespace=" + dryRunNamespace,
            "--set",
            "operator.watchNamespaces={" + dryRunNamespace + "}");

    Set<String> kinds = objects.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
    assertThat(kinds)
        .contains(
            "Deployment",
            "Service",
            "ServiceAccount",
            "ConfigMap",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "Ingress",
            "ServiceMonitor",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding");
    for (HasMetadata object : objects) {
      if (object instanceof GenericKubernetesResource
          && "ServiceMonitor".equals(object.getKind())) {
        // The Prometheus Operator's CRD is not installed on the local platform.
        continue;
      }
      HasMetadata accepted =
          admin
              .resource(object)
              .inNamespace(dryRunNamespace)
              .dryRun()
              .fieldManager("helm-it")
              .forceConflicts()
              .serverSideApply();
      assertThat(accepted.getMetadata().getName()).isEqualTo(object.getMetadata().getName());
    }
  }

  @Test
  @Order(3)
  void whenInstalled_itShouldCreateEveryObject() {
    helm.run(
            kube(
                "install",
                release,
                chart.toString(),
                "--namespace",
                namespace,
                "--create-namespace",
                "--set",
                "worker.crossplane.connectionSecretNamespace=" + namespace,
                "--set",
                "worker.postgres.passwordSecret.name=postgres-admin",
                // Argo CD's namespace: the release's own, which is no environment namespace.
                "--set",
                "worker.argocd.enabled=true",
                "--set",
                "worker.argocd.namespace=" + namespace,
                "--set",
                "worker.argocd.sourceRepos={https://git.example.com/*}"))
        .successfulOutput();

    for (Supplier<Resource<? extends HasMetadata>> object : installedObjects()) {
      assertThat(object.get().get()).as(object.get().toString()).isNotNull();
    }
    assertThat(
            admin.apps().deployments().inNamespace(namespace).withName(fullname + "-worker").get())
        .satisfies(
            d -> {
              var pod = d.getSpec().getTemplate().getSpec();
              assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
              var container = pod.getContainers().get(0);
              assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
              assertThat(container.getReadinessProbe().getHttpGet().getPath())
                  .isEqualTo("/actuator/health/readiness");
            });
  }

  @Test
  @Order(4)
  void givenTheInstall_theWorker_shouldBeAllowedEveryCallOfItsActivities() {
    String anyNamespace = "env-team-app";
    List<Access> allowed =
        List.of(
            clusterWide("get", "", "namespaces"),
            clusterWide("list", "", "namespaces"),
            clusterWide("watch", "", "namespaces"),
            clusterWide("create", "", "namespaces"),
            clusterWide("patch", "", "namespaces"),
            clusterWide("delete", "", "namespaces"),
            in(anyNamespace, "create", "", "resourcequotas"),
            in(anyNamespace, "patch", "", "limitranges"),
            in(anyNamespace, "patch", "networking.k8s.io", "networkpolicies"),
            in(anyNamespace, "create", "rbac.authorization.k8s.io", "rolebindings"),
            in(anyNamespace, "get", "rbac.authorization.k8s.io", "rolebindings"),
            in(anyNamespace, "delete", "rbac.authorization.k8s.io", "rolebindings"),
            named("bind", "rbac.authorization.k8s.io", "clusterroles", "edit"),
            named(
                "bind",
                "rbac.authorization.k8s.io",
                "clusterroles",
                fullname + "-worker-environment"),
            in(anyNamespace, "create", "", "secrets"),
            in(anyNamespace, "patch", "", "secrets"),
            in(anyNamespace, "delete", "", "secrets"),
            in(anyNamespace, "create", "", "events"),
            in(anyNamespace, "create", "events.k8s.io", "events"),
            // Developers' access: their ServiceAccount by server-side apply, tokens by request.
            in(anyNamespace, "create", "", "serviceaccounts"),
            in(anyNamespace, "patch", "", "serviceaccounts"),
            in(anyNamespace, "create", "", "serviceaccounts/token"),
            clusterWide("create", "platform.envforge.dev", "xenvclusters"),
            clusterWide("get", "platform.envforge.dev", "xenvclusters"),
            // The reaper lists dedicated clusters' composites.
            clusterWide("list", "platform.envforge.dev", "xenvclusters"),
            clusterWide("delete", "platform.envforge.dev", "xenvclusters"),
            in(anyNamespace, "patch", "platform.envforge.dev", "envdatabases"),
            in(anyNamespace, "get", "platform.envforge.dev", "envdatabases"),
            in(namespace, "get", "", "secrets"));

    assertThat(allowed)
        .allSatisfy(
            access -> assertThat(allows(workerUser, access)).as(access.toString()).isTrue());
  }

  @Test
  @Order(4)
  void givenTheInstall_theWorker_shouldBeRefusedWhatItDoesNotNeed() {
    String anyNamespace = "env-team-app";
    List<Access> refused =
        List.of(
            in("kube-system", "get", "", "secrets"),
            in("default", "get", "", "secrets"),
            clusterWide("list", "", "secrets"),
            clusterWide("create", "rbac.authorization.k8s.io", "clusterrolebindings"),
            clusterWide("create", "rbac.authorization.k8s.io", "clusterroles"),
            named("bind", "rbac.authorization.k8s.io", "clusterroles", "cluster-admin"),
            named("bind", "rbac.authorization.k8s.io", "clusterroles", "admin"),
            clusterWide("escalate", "rbac.authorization.k8s.io", "clusterroles"),
            clusterWide("delete", "", "nodes"),
            in("default", "create", "", "pods"),
            in("default", "create", "apps", "deployments"),
            // Access needs to make ServiceAccounts and tokens, never to read, list or remove them:
            // the namespace's deletion removes them. Writing them outside managed namespaces is
            // RBAC's to allow and the admission policy's to refuse (below).
            in(anyNamespace, "get", "", "serviceaccounts"),
            clusterWide("list", "", "serviceaccounts"),
            in(anyNamespace, "delete", "", "serviceaccounts"),
            in(anyNamespace, "update", "", "serviceaccounts"),
            clusterWide("impersonate", "", "users"),
            clusterWide("impersonate", "", "serviceaccounts"));

    assertThat(refused)
        .allSatisfy(
            access -> assertThat(allows(workerUser, access)).as(access.toString()).isFalse());
  }

  @Test
  @Order(4)
  void givenTheInstall_theWorkersWritesOutsideManagedNamespaces_shouldBeDeniedByThePolicy() {
    try (KubernetesClient worker = clientAs(workerUser)) {
      var selfGrantInKubeSystem =
          new RoleBindingBuilder()
              .withNewMetadata()
              .withName("envforge-worker")
              .withNamespace("kube-system")
              .endMetadata()
              .withNewRoleRef()
              .withApiGroup("rbac.authorization.k8s.io")
              .withKind("ClusterRole")
              .withName(fullname + "-worker-environment")
              .endRoleRef()
              .addNewSubject()
              .withKind("ServiceAccount")
              .withNamespace(namespace)
              .withName(fullname + "-worker")
              .endSubject()
              .build();
      awaitPolicyInForce(() -> worker.resource(selfGrantInKubeSystem).dryRun().create());
      assertThatThrownBy(() -> worker.resource(selfGrantInKubeSystem).dryRun().create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining(fullname + "-worker-scope")
          .hasMessageContaining("not in kube-system");

      Secret inDefault =
          new SecretBuilder()
              .withNewMetadata()
              .withName("envforge-it-" + suffix)
              .withNamespace("default")
              .endMetadata()
              .build();
      assertThatThrownBy(() -> worker.resource(inDefault).dryRun().create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("not in default");

      assertThatThrownBy(
              () ->
                  worker
                      .namespaces()
                      .withName("kube-system")
                      .edit(
                          ns -> {
                            ns.getMetadata().getLabels().put(MANAGED_BY, "envforge");
                            return ns;
                          }))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("not kube-system");

      ServiceAccount accountInKubeSystem =
          new ServiceAccountBuilder()
              .withNewMetadata()
              .withName("envforge-it-" + suffix)
              .withNamespace("kube-system")
              .endMetadata()
              .build();
      assertThatThrownBy(() -> worker.resource(accountInKubeSystem).dryRun().create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("not in kube-system");

      // A TokenRequest has no dry run; refused, it mints nothing.
      TokenRequest tokenInDefault =
          new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build();
      assertThatThrownBy(
              () ->
                  worker
                      .serviceAccounts()
                      .inNamespace("default")
                      .withName("default")
                      .tokenRequest(tokenInDefault))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("not in default");
    }
  }

  @Test
  @Order(4)
  void givenArgoCdRegistration_theWorker_shouldWriteOnlyItsClusterSecretsInArgoCdsNamespace() {
    for (String verb : List.of("get", "create", "patch", "delete")) {
      assertThat(allows(workerUser, in(namespace, verb, "argoproj.io", "appprojects")))
          .as("%s appprojects in Argo CD's namespace", verb)
          .isTrue();
    }
    assertThat(allows(workerUser, in("default", "create", "argoproj.io", "appprojects"))).isFalse();
    assertThat(allows(workerUser, in(namespace, "list", "", "secrets"))).isFalse();
    try (KubernetesClient worker = clientAs(workerUser)) {
      Map<String, String> managed =
          Map.of(
              MANAGED_BY,
              "envforge",
              "envforge.dev/environment",
              "team-app",
              "envforge.dev/team",
              "team");
      Map<String, String> clusterLabels = new java.util.HashMap<>(managed);
      clusterLabels.put("argocd.argoproj.io/secret-type", "cluster");
      Secret plain =
          new SecretBuilder()
              .withNewMetadata()
              .withName("envforge-plain-" + suffix)
              .withNamespace(namespace)
              .withLabels(managed)
              .endMetadata()
              .build();
      awaitPolicyInForce(() -> worker.resource(plain).dryRun().create());
      assertThatThrownBy(() -> worker.resource(plain).dryRun().create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("not in " + namespace);

      Secret cluster =
          new SecretBuilder(plain)
              .editMetadata()
              .withName("env-team-app-cluster")
              .withLabels(clusterLabels)
              .endMetadata()
              .build();
      worker.resource(cluster).create();
      worker
          .secrets()
          .inNamespace(namespace)
          .withName("env-team-app-cluster")
          .edit(s -> new SecretBuilder(s).addToData("server", "aHR0cHM6Ly94").build());
      worker.secrets().inNamespace(namespace).withName("env-team-app-cluster").delete();
      assertThat(admin.secrets().inNamespace(namespace).withName("env-team-app-cluster").get())
          .isNull();
    }
  }

  @Test
  @Order(4)
  void givenTheInstall_theStarter_shouldHaveNoKubernetesRights() {
    List<Access> refused =
        List.of(
            clusterWide("get", "", "namespaces"),
            clusterWide("list", "", "namespaces"),
            in(namespace, "get", "", "secrets"),
            in(namespace, "get", "", "configmaps"),
            in("env-team-app", "create", "", "secrets"),
            clusterWide("get", "platform.envforge.dev", "xenvclusters"));

    assertThat(refused)
        .allSatisfy(
            access -> assertThat(allows(starterUser, access)).as(access.toString()).isFalse());
  }

  @Test
  @Order(4)
  void givenTheInstall_theOperator_shouldBeAllowedWhatItsReconcilerDoes() {
    String teamNamespace = "team-payments";
    List<Access> allowed =
        List.of(
            // Its informer lists and watches Environment resources in every namespace.
            clusterWide("list", "envforge.dev", "environments"),
            clusterWide("watch", "envforge.dev", "environments"),
            in(teamNamespace, "get", "envforge.dev", "environments"),
            // The finalizer is added and removed by patching the resource.
            in(teamNamespace, "patch", "envforge.dev", "environments"),
            in(teamNamespace, "update", "envforge.dev", "environments"),
            status(teamNamespace, "patch", "envforge.dev", "environments"),
            status(teamNamespace, "update", "envforge.dev", "environments"),
            // Events on the resources when their conditions turn.
            in(teamNamespace, "create", "", "events"),
            // A namespace's team is its label.
            named("get", "", "namespaces", teamNamespace));

    assertThat(allowed)
        .allSatisfy(
            access -> assertThat(allows(operatorUser, access)).as(access.toString()).isTrue());
  }

  @Test
  @Order(4)
  void givenTheInstall_theOperator_shouldBeRefusedWhatItDoesNotNeed() {
    String teamNamespace = "team-payments";
    List<Access> refused =
        List.of(
            // People create and delete Environment resources; the operator only follows them.
            in(teamNamespace, "create", "envforge.dev", "environments"),
            in(teamNamespace, "delete", "envforge.dev", "environments"),
            // It reads a namespace's labels and never changes or lists namespaces.
            clusterWide("list", "", "namespaces"),
            clusterWide("patch", "", "namespaces"),
            clusterWide("create", "", "namespaces"),
            clusterWide("delete", "", "namespaces"),
            // Environments are made by the worker: the operator touches nothing in them.
            in(teamNamespace, "get", "", "secrets"),
            in("env-team-app", "get", "", "secrets"),
            clusterWide("list", "", "secrets"),
            in(teamNamespace, "create", "", "pods"),
            in(teamNamespace, "delete", "", "events"),
            in(teamNamespace, "create", "rbac.authorization.k8s.io", "rolebindings"),
            clusterWide("create", "platform.envforge.dev", "xenvclusters"),
            clusterWide("create", "apiextensions.k8s.io", "customresourcedefinitions"),
            clusterWide("impersonate", "", "serviceaccounts"));

    assertThat(refused)
        .allSatisfy(
            access -> assertThat(allows(operatorUser, access)).as(access.toString()).isFalse());
  }

  @Test
  @Order(4)
  void givenWatchedNamespaces_theOperator_shouldGetRightsOnEnvironmentsThereOnly() {
    List<HasMetadata> rendered =
        render(
            release,
            namespace,
            "--set",
            "operator.watchNamespaces={team-a,team-b}",
            "--show-only",
            "templates/operator-rbac.yaml");
    assertThat(rendered)
        .filteredOn(o -> o.getKind().equals("RoleBinding"))
        .extracting(o -> o.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(rendered)
        .filteredOn(o -> o.getKind().equals("ClusterRoleBinding"))
        .extracting(o -> o.getMetadata().getName())
        .containsExactly(fullname + "-operator-namespaces");
  }

  /** The namespace and access activities themselves, run as the worker's service account. */
  @Test
  @Order(5)
  void givenTheInstall_theNamespaceActivitiesRunAsTheWorker_shouldProvisionAndTearDown() {
    String environmentNamespace = "helm-it-env-" + suffix;
    namespacesToRemove.add(environmentNamespace);
    EnvironmentLabels labels =
        new EnvironmentLabels(
            "helm-it-" + suffix,
            "helm-it",
            "environment/helm-it/" + suffix,
            Instant.now().plus(Duration.ofHours(1)));
    NamespaceSpec spec =
        new NamespaceSpec(ClusterRef.shared("local"), environmentNamespace, Profile.SMALL, labels);
    try (KubernetesClient worker = clientAs(workerUser)) {
      var activities =
          new KubernetesNamespaceActivities(
              new SingleCluster(worker),
              NamespaceSettings.defaults(),
              details -> {},
              new WorkerAccess(
                  fullname + "-worker-environment",
                  namespace + "/" + fullname + "-worker",
                  Set.of("local")));

      activities.ensureNamespace(spec);
      activities.applyGuardrails(spec);

      // Developers' access: their ServiceAccount, a token bound to a grant's Secret, revoked.
      var access =
          new KubernetesAccessActivities(
              new SingleCluster(worker),
              NamespaceSettings.defaults(),
              AccessSettings.defaults(),
              Clock.systemUTC());
      access.ensureAccessAccount(spec);
      String grantId = "helm-it-" + suffix;
      IssuedToken token =
          access.issueToken(
              new TokenGrantSpec(
                  spec,
                  grantId,
                  Duration.ofMinutes(10),
                  labels.expiresAt(),
                  SealedTokens.encode(SealedTokens.newKeyPair().getPublic())));
      assertThat(token.expiresAt()).isAfter(Instant.now());
      access.revokeGrant(spec, grantId);
      assertThat(
              admin
                  .secrets()
                  .inNamespace(environmentNamespace)
                  .withName(AccessObjects.boundSecretName(grantId))
                  .get())
          .isNull();
      Secret connection =
          new SecretBuilder()
              .withNewMetadata()
              .withName("envforge-database")
              .withNamespace(environmentNamespace)
              .withLabels(
                  Map.of(
                      MANAGED_BY,
                      "envforge",
                      EnvironmentLabels.ENVIRONMENT,
                      labels.environmentId(),
                      EnvironmentLabels.TEAM,
                      labels.team()))
              .endMetadata()
              .withStringData(Map.of("password", "not-a-real-one"))
              .build();
      ConnectionSecretWriter.apply(worker, connection);

      assertThat(
              admin
                  .rbac()
                  .roleBindings()
                  .inNamespace(environmentNamespace)
                  .withName(NamespaceObjects.TEAM_ROLE_BINDING)
                  .get())
          .isNotNull();
      assertThat(
              worker
                  .secrets()
                  .inNamespace(environmentNamespace)
                  .withName("envforge-database")
                  .get())
          .isNotNull();
      assertThat(
              ConnectionSecretWriter.deleteIfOwned(
                  worker, environmentNamespace, "envforge-database", labels))
          .isTrue();

      activities.deleteNamespace(spec);
      assertThat(admin.namespaces().withName(environmentNamespace).get()).isNull();
    }
  }

  @Test
  @Order(6)
  void whenUninstalled_itShouldRemoveEveryObject() {
    helm.run(kube("uninstall", release, "--namespace", namespace, "--wait")).successfulOutput();

    for (Supplier<Resource<? extends HasMetadata>> object : installedObjects()) {
      assertThat(object.get().get()).as(object.get().toString()).isNull();
    }
  }

  /**
   * The API server's admission plugin learns of a new policy through a watch, a moment after the
   * install; until then the write the policy forbids goes through.
   */
  private static void awaitPolicyInForce(Runnable forbiddenWrite) {
    await("the admission policy to refuse the write")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> refused(forbiddenWrite));
  }

  private static boolean refused(Runnable write) {
    try {
      write.run();
      return false;
    } catch (KubernetesClientException e) {
      return true;
    }
  }

  private List<Supplier<Resource<? extends HasMetadata>>> installedObjects() {
    List<Supplier<Resource<? extends HasMetadata>>> objects = new ArrayList<>();
    for (String component : List.of("worker", "starter")) {
      String name = fullname + "-" + component;
      objects.add(() -> admin.apps().deployments().inNamespace(namespace).withName(name));
      objects.add(() -> admin.services().inNamespace(namespace).withName(name));
      objects.add(() -> admin.serviceAccounts().inNamespace(namespace).withName(name));
      objects.add(() -> admin.configMaps().inNamespace(namespace).withName(name));
      objects.add(
          () -> admin.policy().v1().podDisruptionBudget().inNamespace(namespace).withName(name));
    }
    String operator = fullname + "-operator";
    objects.add(() -> admin.apps().deployments().inNamespace(namespace).withName(operator));
    objects.add(() -> admin.serviceAccounts().inNamespace(namespace).withName(operator));
    objects.add(() -> admin.configMaps().inNamespace(namespace).withName(operator));
    for (String rights : List.of("-environments", "-namespaces")) {
      objects.add(() -> admin.rbac().clusterRoles().withName(operator + rights));
      objects.add(() -> admin.rbac().clusterRoleBindings().withName(operator + rights));
    }
    objects.add(() -> admin.rbac().clusterRoles().withName(fullname + "-worker"));
    objects.add(() -> admin.rbac().clusterRoles().withName(fullname + "-worker-environment"));
    objects.add(() -> admin.rbac().clusterRoleBindings().withName(fullname + "-worker"));
    objects.add(
        () ->
            admin
                .rbac()
                .roles()
                .inNamespace(namespace)
                .withName(fullname + "-worker-cluster-secrets"));
    objects.add(
        () ->
            admin
                .rbac()
                .roleBindings()
                .inNamespace(namespace)
                .withName(fullname + "-worker-cluster-secrets"));
    for (String argoCd : List.of(fullname + "-worker-argocd")) {
      objects.add(() -> admin.rbac().roles().inNamespace(namespace).withName(argoCd));
      objects.add(() -> admin.rbac().roleBindings().inNamespace(namespace).withName(argoCd));
    }
    objects.add(
        () ->
            admin
                .admissionRegistration()
                .v1()
                .validatingAdmissionPolicies()
                .withName(fullname + "-worker-scope"));
    objects.add(
        () ->
            admin
                .admissionRegistration()
                .v1()
                .validatingAdmissionPolicyBindings()
                .withName(fullname + "-worker-scope"));
    return objects;
  }

  private String renderFailure(String value) {
    DeployTool.Result result = helm.run("template", "x", chart.toString(), "--set", value);
    assertThat(result.exitCode()).as("helm template --set " + value).isNotZero();
    return result.stderr();
  }

  private List<HasMetadata> render(String releaseName, String targetNamespace, String... options) {
    List<String> arguments =
        new ArrayList<>(
            List.of("template", releaseName, chart.toString(), "--namespace", targetNamespace));
    arguments.addAll(List.of(options));
    String yaml = helm.run(arguments.toArray(String[]::new)).successfulOutput();
    return admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  /** helm arguments plus the local platform's kubeconfig and context. */
  private String[] kube(String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    all.addAll(List.of("--kubeconfig", platform.kubeconfig().toString()));
    if (platform.kubeContextOrNull() != null) {
      all.addAll(List.of("--kube-context", platform.kubeContextOrNull()));
    }
    return all.toArray(String[]::new);
  }

  /** A client that acts as a service account, through the admin's right to impersonate. */
  private KubernetesClient clientAs(String serviceAccountUser) {
    return LocalClusterClients.standaloneClientAs(
        platform, serviceAccountUser, serviceAccountGroups(serviceAccountUser));
  }

  private static String[] serviceAccountGroups(String user) {
    String accountNamespace = user.split(":")[2];
    return new String[] {
      "system:serviceaccounts", "system:serviceaccounts:" + accountNamespace, "system:authenticated"
    };
  }

  private boolean allows(String user, Access access) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(user)
            .withGroups(serviceAccountGroups(user))
            .withNewResourceAttributes()
            .withNamespace(access.namespace())
            .withVerb(access.verb())
            .withGroup(access.group())
            .withResource(access.resource())
            .withName(access.name())
            .withSubresource(access.subresource())
            .endResourceAttributes()
            .endSpec()
            .build();
    SubjectAccessReview answer = admin.authorization().v1().subjectAccessReview().create(review);
    return Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }

  private static Path resource(String name) {
    try {
      return Path.of(HelmChartIT.class.getClassLoader().getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One authorization question: may {@code verb} be done on {@code resource}? */
  private record Access(
      String namespace,
      String verb,
      String group,
      String resource,
      String name,
      String subresource) {
    Access(String namespace, String verb, String group, String resource, String name) {
      this(namespace, verb, group, resource, name, null);
    }
  }

  private static Access status(String namespace, String verb, String group, String resource) {
    return new Access(namespace, verb, group, resource, null, "status");
  }

  private static Access clusterWide(String verb, String group, String resource) {
    return new Access(null, verb, group, resource, null);
  }

  private static Access in(String namespace, String verb, String group, String resource) {
    return new Access(namespace, verb, group, resource, null);
  }

  private static Access named(String verb, String group, String resource, String name) {
    return new Access(null, verb, group, resource, name);
  }

  /** Every cluster is the one client, as for a worker with only the in-cluster entry. */
  private record SingleCluster(KubernetesClient client) implements ClusterClients {
    @Override
    public KubernetesClient forCluster(ClusterRef cluster) {
      return client;
    }

    @Override
    public KubernetesClient management() {
      return client;
    }
  }
}
