package dev.envforge.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import dev.envforge.activities.crossplane.CompositeCrdsExtension;
import dev.envforge.activities.crossplane.CrossplaneSettings;
import dev.envforge.activities.crossplane.DedicatedClusterComposite;
import dev.envforge.activities.crossplane.SecondApiServer;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.reaper.ActionOutcome;
import dev.envforge.workflows.reaper.EnvironmentClass;
import dev.envforge.workflows.reaper.KindReport;
import dev.envforge.workflows.reaper.ReaperWorkflow;
import dev.envforge.workflows.reaper.SweepAction;
import dev.envforge.workflows.reaper.SweepReport;
import dev.envforge.workflows.reaper.SweepRequest;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One leftover of every kind the reaper looks for, seeded on the real platform, and one sweep that
 * removes exactly those: a managed namespace on the registered cluster, a namespace on a dedicated
 * cluster (a second, real kube-apiserver reached through the kubeconfig in its composite's
 * connection Secret), the dedicated cluster's {@code XEnvCluster} composite in the management
 * cluster, a database with its role on the Postgres server whose namespace is gone, and an Argo CD
 * project in Argo CD's namespace. Beside them sit what must stay: a kept namespace, composite and
 * Argo CD project, a database whose namespace is there, and another team's database, composite and
 * project (the worker sweeps only this run's team and prefix, so other tests on the same platform
 * are never touched).
 *
 * <p>No Crossplane runs here (its controllers need pods), so the test writes the composite and its
 * connection Secret as Crossplane would; the second API server has no controller-manager, so the
 * test removes the namespace finalizer of its terminating namespaces as the namespace controller
 * would.
 */
@ExtendWith({LocalPlatformExtension.class, CompositeCrdsExtension.class})
class EveryLeftoverIT {

  private static final Duration ORPHAN_GRACE = Duration.ofSeconds(20);

  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final String team = "lo" + run;
  private final String otherTeam = "lx" + run;
  private final String prefix = "lo" + run + "-";
  private final String taskQueue = "leftover-it-" + run;
  private final String secretNamespace = "lo" + run + "-secrets";
  private final String argoCdNamespace = "lo" + run + "-argocd";

  private LocalPlatform platform;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private KubernetesClient management;
  private final List<String> databases = new ArrayList<>();
  private final List<String> composites = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();

  @BeforeEach
  void connect(LocalPlatform platform) {
    this.platform = platform;
    service = platform.newTemporalService();
    client = platform.workflowClient(service);
    management = new PlatformProbe(platform).kubernetes;
    management
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(secretNamespace)
                .endMetadata()
                .build())
        .create();
    namespaces.add(secretNamespace);
    management
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(argoCdNamespace)
                .endMetadata()
                .build())
        .create();
    namespaces.add(argoCdNamespace);
  }

  @AfterEach
  void cleanUp() throws SQLException {
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      for (String name : databases) {
        statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        statement.execute("DROP ROLE IF EXISTS \"" + name + "\"");
      }
    }
    composites.forEach(name -> management.resources(XEnvCluster.class).withName(name).delete());
    namespaces.forEach(name -> management.namespaces().withName(name).delete());
    management.close();
    service.shutdownNow();
  }

  @Test
  void givenOneLeftoverOfEachKind_whenSwept_itShouldReportEachKindThenRemoveExactlyThose()
      throws Exception {
    try (SecondApiServer dedicated = SecondApiServer.start(Duration.ofMinutes(2));
        KubernetesClient dedicatedClient = dedicated.client()) {
      // Leftovers: their environments' workflows never ran.
      String sharedOrphan = seedNamespace(management, team, "shared", false);
      String dedicatedComposite = seedComposite(team, "dedi", false, dedicated.adminKubeconfig());
      String dedicatedOrphan = seedNamespace(dedicatedClient, team, "dedi", false);
      String orphanDatabase = seedDatabase(team + "-db");
      // What must stay.
      String keptNamespace = seedNamespace(management, team, "kept", true);
      // Crossplane has not written their connection Secrets (yet): no cluster to look into.
      String keptComposite = seedComposite(team, "kept", true, null);
      // Its namespace (the kept one) is there: the namespace sweep looks after it.
      String databaseWithNamespace = seedDatabase(team + "-kept");
      String otherTeamsDatabase = seedDatabase(otherTeam + "-db");
      String otherTeamsComposite = seedComposite(otherTeam, "dedi", false, null);
      // Argo CD registrations (declared by the ARGOCD step), in Argo CD's namespace.
      String orphanProject = seedProject(team, "argo", false);
      String keptProject = seedProject(team, "kept", true);
      String otherTeamsProject = seedProject(otherTeam, "argo", false);
      long seededAt = System.nanoTime();

      ScheduledExecutorService namespaceController = Executors.newSingleThreadScheduledExecutor();
      namespaceController.scheduleWithFixedDelay(
          () -> finalizeTerminating(dedicatedClient), 0, 500, TimeUnit.MILLISECONDS);
      try (WorkerJvm worker = startWorker()) {
        long wait = ORPHAN_GRACE.plusSeconds(2).toNanos() - (System.nanoTime() - seededAt);
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }

        SweepReport dry = sweep("dry", true);

        assertThat(dry.kinds())
            .containsOnlyKeys("namespace", "xenvcluster", "postgres", "argocd-appproject");
        assertThat(names(dry.kind("namespace")))
            .containsEntry(
                EnvironmentClass.ORPHAN,
                List.of(dedicatedComposite + "/" + dedicatedOrphan, "local/" + sharedOrphan))
            .containsEntry(EnvironmentClass.KEPT, List.of("local/" + keptNamespace));
        assertThat(names(dry.kind("xenvcluster")))
            .containsEntry(EnvironmentClass.ORPHAN, List.of("management/" + dedicatedComposite))
            .containsEntry(EnvironmentClass.KEPT, List.of("management/" + keptComposite));
        assertThat(names(dry.kind("postgres")))
            .containsEntry(EnvironmentClass.ORPHAN, List.of("direct/" + orphanDatabase));
        assertThat(names(dry.kind("argocd-appproject")).get(EnvironmentClass.ORPHAN))
            .singleElement(STRING)
            .endsWith(orphanProject);
        assertThat(names(dry.kind("argocd-appproject")).get(EnvironmentClass.KEPT))
            .singleElement(STRING)
            .endsWith(keptProject);
        assertThat(dry.outcomes()).containsOnly(Map.entry(ActionOutcome.REPORTED, 5));
        assertThat(dry.clusterFailures()).isEmpty();
        assertThat(dedicatedClient.namespaces().withName(dedicatedOrphan).get()).isNotNull();
        assertThat(management.resources(XEnvCluster.class).withName(dedicatedComposite).get())
            .isNotNull();
        assertThat(postgresObjects(orphanDatabase)).hasSize(2);

        SweepReport acting = sweep("act", false);

        assertThat(acting.clusterFailures()).isEmpty();
        assertThat(acting.outcomes()).containsOnly(Map.entry(ActionOutcome.TORN_DOWN, 5));
        assertThat(acting.actions())
            .filteredOn(a -> a.kind().equals("argocd-appproject"))
            .singleElement()
            .satisfies(a -> assertThat(a.cluster() + "/" + a.namespace()).endsWith(orphanProject));
        assertThat(acting.actions())
            .filteredOn(a -> !a.kind().equals("argocd-appproject"))
            .extracting(a -> a.kind() + " " + a.cluster() + "/" + a.namespace())
            .containsExactlyInAnyOrder(
                "namespace local/" + sharedOrphan,
                "namespace " + dedicatedComposite + "/" + dedicatedOrphan,
                "xenvcluster management/" + dedicatedComposite,
                "postgres direct/" + orphanDatabase);
        assertThat(acting.actions()).extracting(SweepAction::detail).containsOnlyNulls();

        assertThat(management.namespaces().withName(sharedOrphan).get()).isNull();
        assertThat(dedicatedClient.namespaces().withName(dedicatedOrphan).get()).isNull();
        assertThat(management.resources(XEnvCluster.class).withName(dedicatedComposite).get())
            .isNull();
        assertThat(postgresObjects(orphanDatabase)).isEmpty();
        assertThat(project(orphanProject)).isNull();

        // Nothing else.
        Namespace kept = management.namespaces().withName(keptNamespace).get();
        assertThat(kept).isNotNull();
        assertThat(kept.getMetadata().getDeletionTimestamp()).isNull();
        for (String composite : List.of(keptComposite, otherTeamsComposite)) {
          assertThat(management.resources(XEnvCluster.class).withName(composite).get())
              .as(composite)
              .isNotNull();
        }
        for (String database : List.of(databaseWithNamespace, otherTeamsDatabase)) {
          assertThat(postgresObjects(database)).as(database).hasSize(2);
        }
        assertThat(management.namespaces().withName(secretNamespace).get()).isNotNull();
        for (String project : List.of(keptProject, otherTeamsProject)) {
          assertThat(project(project)).as(project).isNotNull();
        }
      } finally {
        namespaceController.shutdownNow();
      }
    }
  }

  private static Map<EnvironmentClass, List<String>> names(KindReport report) {
    assertThat(report).isNotNull();
    return report.names();
  }

  private WorkerJvm startWorker() {
    Map<String, String> settings = new HashMap<>();
    settings.put("ENVFORGE_REAPER_ENABLED", "false");
    settings.put("ENVFORGE_REAPER_ORPHAN_GRACE", ORPHAN_GRACE.toString());
    settings.put("ENVFORGE_REAPER_TEAMS", team);
    // Registration on, so the sweep searches Argo CD's namespace for the projects it leaves.
    settings.put("ENVFORGE_ARGOCD_ENABLED", "true");
    settings.put("ENVFORGE_ARGOCD_NAMESPACE", argoCdNamespace);
    settings.put("ENVFORGE_ARGOCD_SOURCE_REPOS", "https://git.example.com/*");
    return WorkerJvm.start(
        platform,
        taskQueue,
        prefix,
        Path.of("target", "every-leftover-worker.log").toAbsolutePath(),
        settings);
  }

  private SweepReport sweep(String suffix, boolean dryRun) {
    ReaperWorkflow reaper =
        client.newWorkflowStub(
            ReaperWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("leftover-it-" + run + "/" + suffix)
                .setTaskQueue(taskQueue)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                .build());
    return reaper.sweep(new SweepRequest(dryRun));
  }

  private static Map<String, String> labels(String team, String environmentId, boolean keep) {
    Map<String, String> labels = new HashMap<>();
    labels.put(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE);
    labels.put(EnvironmentLabels.ENVIRONMENT, environmentId);
    labels.put(EnvironmentLabels.TEAM, team);
    if (keep) {
      labels.put(EnvironmentLabels.KEEP, EnvironmentLabels.KEEP_VALUE);
    }
    return labels;
  }

  /** An Argo CD project as the ARGOCD step makes it, of a workflow that does not run. */
  private String seedProject(String team, String name, boolean keep) {
    String project = EnvironmentNaming.namespace(prefix, team, name);
    management
        .genericKubernetesResources("argoproj.io/v1alpha1", "AppProject")
        .inNamespace(argoCdNamespace)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("AppProject")
                .withNewMetadata()
                .withName(project)
                .withNamespace(argoCdNamespace)
                .withLabels(labels(team, EnvironmentNaming.environmentId(team, name), keep))
                .withAnnotations(
                    Map.of(EnvironmentLabels.WORKFLOW_ID, EnvironmentNaming.workflowId(team, name)))
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of(
                            "sourceRepos",
                            List.of("https://git.example.com/*"),
                            "destinations",
                            List.of(
                                Map.of(
                                    "server",
                                    "https://kubernetes.default.svc",
                                    "namespace",
                                    project)))))
                .build())
        .create();
    return project;
  }

  private GenericKubernetesResource project(String name) {
    return management
        .genericKubernetesResources("argoproj.io/v1alpha1", "AppProject")
        .inNamespace(argoCdNamespace)
        .withName(name)
        .get();
  }

  /** A managed namespace as the namespace step makes it, of a workflow that does not run. */
  private String seedNamespace(KubernetesClient cluster, String team, String name, boolean keep) {
    String namespace = EnvironmentNaming.namespace(prefix, team, name);
    cluster
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .withLabels(labels(team, EnvironmentNaming.environmentId(team, name), keep))
                .withAnnotations(
                    Map.of(
                        EnvironmentLabels.EXPIRES_AT,
                        Instant.now().plus(Duration.ofDays(1)).toString(),
                        EnvironmentLabels.WORKFLOW_ID,
                        EnvironmentNaming.workflowId(team, name)))
                .endMetadata()
                .build())
        .create();
    if (cluster == management) {
      namespaces.add(namespace);
    }
    return namespace;
  }

  /**
   * A dedicated cluster's composite as the cluster step writes it, and its connection Secret as
   * Crossplane writes it (none when {@code kubeconfig} is null).
   */
  private String seedComposite(String team, String name, boolean keep, String kubeconfig) {
    String environmentId = EnvironmentNaming.environmentId(team, name);
    EnvironmentLabels identity =
        new EnvironmentLabels(
            environmentId,
            team,
            EnvironmentNaming.workflowId(team, name),
            keep ? null : Instant.now().plus(Duration.ofDays(1)),
            keep);
    DedicatedClusterSpec spec =
        new DedicatedClusterSpec(
            EnvironmentNaming.dedicatedClusterName(environmentId), Profile.SMALL, identity);
    CrossplaneSettings settings = CrossplaneSettings.of(secretNamespace, null, null);
    management.resource(DedicatedClusterComposite.desired(spec, settings)).create();
    composites.add(spec.compositeName());
    if (kubeconfig == null) {
      return spec.compositeName();
    }
    management
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(DedicatedClusterComposite.connectionSecretName(spec.compositeName()))
                .withNamespace(secretNamespace)
                .endMetadata()
                .withData(
                    Map.of(
                        "kubeconfig",
                        Base64.getEncoder()
                            .encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8))))
                .build())
        .create();
    return spec.compositeName();
  }

  /** A database and its role as the direct driver leaves them, named for this run's prefix. */
  private String seedDatabase(String environmentId) throws SQLException {
    String name = EnvironmentNaming.postgresName(prefix + environmentId);
    String comment = "'envforge:environment=" + environmentId + "'";
    databases.add(name);
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE \"" + name + "\" NOLOGIN");
      statement.execute("COMMENT ON ROLE \"" + name + "\" IS " + comment);
      statement.execute("GRANT \"" + name + "\" TO CURRENT_USER");
      await("CREATE DATABASE " + name)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(
              () -> {
                statement.execute("CREATE DATABASE \"" + name + "\" OWNER \"" + name + "\"");
                return true;
              });
      statement.execute("COMMENT ON DATABASE \"" + name + "\" IS " + comment);
    }
    return name;
  }

  private List<String> postgresObjects(String name) throws SQLException {
    try (PlatformProbe probe = new PlatformProbe(platform)) {
      return probe.postgresObjects(name).stream()
          .filter(found -> found.endsWith(":" + name))
          .toList();
    }
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(
        platform.postgresUrl(), platform.postgresUser(), platform.postgresPassword());
  }

  /** What the namespace controller does once a namespace is empty: drops its finalizer. */
  private void finalizeTerminating(KubernetesClient cluster) {
    try {
      for (Namespace namespace : cluster.namespaces().list().getItems()) {
        if (namespace.getMetadata().getDeletionTimestamp() != null
            && namespace.getMetadata().getName().startsWith(prefix)) {
          namespace.getSpec().setFinalizers(List.of());
          cluster.raw(
              "/api/v1/namespaces/" + namespace.getMetadata().getName() + "/finalize",
              "PUT",
              namespace);
        }
      }
    } catch (RuntimeException e) {
      // The next round tries again.
    }
  }
}
