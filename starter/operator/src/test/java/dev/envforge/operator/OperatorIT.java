package dev.envforge.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.operator.resource.Environment;
import dev.envforge.operator.resource.EnvironmentState;
import dev.envforge.starter.temporal.CallDeadlines;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.TemporalCallSettings;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import dev.envforge.workflows.quota.TeamQuotaWorkflow;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code Environment} resource and its operator against the real system: the CRD installed from
 * the Helm chart into the local platform's kube-apiserver, the packaged operator and the packaged
 * worker in JVMs of their own, the Temporal dev server and the real Postgres. Every step a person
 * takes is the real {@code kubectl}. Each test works in namespaces and teams of its own.
 */
@ExtendWith(LocalPlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorIT {

  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final String TEAM_LABEL = "envforge.dev/team";
  private static final String PREFIX = "opit-";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  private static final String TASK_QUEUE = "operator-it-" + UUID.randomUUID();
  private static final Path LOGS = Path.of("target").toAbsolutePath();

  /** The namespaces the resources live in (the management cluster's team namespaces). */
  private final String lifecycleNs = "opit-life-" + RUN;

  private final String refusedNs = "opit-refused-" + RUN;
  private final String unlabelledNs = "opit-nolabel-" + RUN;
  private final String conflictNs = "opit-conflict-" + RUN;
  private final String restartNs = "opit-restart-" + RUN;
  private final String fullNs = "opit-full-" + RUN;

  private final String lifecycleTeam = "life-" + RUN;
  private final String refusedTeam = "refused-" + RUN;
  private final String conflictTeam = "conflict-" + RUN;
  private final String restartTeam = "restart-" + RUN;

  /** A team whose limit of live environments is zero. */
  private final String fullTeam = "full-" + RUN;

  private LocalPlatform platform;
  private KubernetesClient kube;
  private Kubectl kubectl;
  private WorkflowServiceStubs temporalService;
  private WorkflowClient temporal;
  private EnvironmentRuns runs;
  private CallDeadlines deadlines;
  private WorkerJvm worker;
  private OperatorJvm operator;

  @BeforeAll
  void startEverything(LocalPlatform platform) throws Exception {
    this.platform = platform;
    kube =
        new KubernetesClientBuilder()
            .withConfig(
                Config.fromKubeconfig(
                    platform.kubeContextOrNull(), platform.kubeconfigContents(), null))
            .build();
    kubectl = new Kubectl(platform.kubeconfig(), platform.kubeContext());
    installCrd();
    label(lifecycleNs, lifecycleTeam);
    label(refusedNs, refusedTeam);
    label(unlabelledNs, null);
    label(conflictNs, conflictTeam);
    label(restartNs, restartTeam);
    label(fullNs, fullTeam);
    temporalService = platform.newTemporalService();
    temporal = platform.workflowClient(temporalService);
    deadlines = new CallDeadlines();
    runs =
        new EnvironmentRuns(
            temporal,
            new TemporalCallSettings(TASK_QUEUE, Duration.ofSeconds(10), Duration.ofSeconds(20)),
            deadlines);
    worker = WorkerJvm.start(platform, TASK_QUEUE, PREFIX, LOGS.resolve("operator-it-worker.log"));
    operator = startOperator();
  }

  @AfterAll
  void stopEverything() throws Exception {
    List<String> namespaces = namespaces();
    try {
      if (operator == null) {
        operator = startOperator();
      }
      for (String namespace : namespaces) {
        kube.resources(Environment.class).inNamespace(namespace).delete();
      }
      await("every Environment resource of the test to be gone")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  namespaces.stream()
                      .allMatch(
                          ns ->
                              kube.resources(Environment.class)
                                  .inNamespace(ns)
                                  .list()
                                  .getItems()
                                  .isEmpty()));
    } finally {
      for (String team : List.of(lifecycleTeam, refusedTeam, conflictTeam, restartTeam, fullTeam)) {
        terminateOpenRunOf(team);
      }
      if (operator != null) {
        operator.close();
      }
      if (worker != null) {
        worker.close();
      }
      namespaces.forEach(ns -> kube.namespaces().withName(ns).delete());
      deadlines.destroy();
      temporalService.shutdown();
      kube.close();
    }
  }

  @Test
  void
      givenALabelledNamespace_whenAnEnvironmentIsApplied_itShouldBecomeReadyExtendOnTtlAndBeDestroyedOnDelete()
          throws Exception {
    String name = "checkout";
    Kubectl.Result applied =
        kubectl.apply(
            manifest(
                lifecycleNs,
                name,
                """
                  profile: small
                  database: {kind: postgres, driver: direct}
                  ttl: PT1H
                """));
    assertThat(applied.ok()).as(applied.output()).isTrue();

    Kubectl.Result ready =
        kubectl.run(
            null,
            PATIENCE.toSeconds(),
            "-n",
            lifecycleNs,
            "wait",
            "--for=condition=Ready",
            "environment/" + name,
            "--timeout=" + PATIENCE.toSeconds() + "s");
    assertThat(ready.ok()).as(ready.output() + " / " + statusOf(lifecycleNs, name)).isTrue();

    EnvironmentState state = statusOf(lifecycleNs, name);
    String envNamespace = PREFIX + lifecycleTeam + "-" + name;
    assertThat(state.phase()).isEqualTo("READY");
    assertThat(state.namespace()).isEqualTo(envNamespace);
    assertThat(state.secretName()).isEqualTo(EnvironmentNaming.CONNECTION_SECRET_NAME);
    assertThat(state.workflowId()).isEqualTo(EnvironmentNaming.workflowId(lifecycleTeam, name));
    assertThat(state.temporalUiUrl()).contains("/workflows/").contains(state.runId());
    assertThat(state.observedGeneration()).isEqualTo(1L);
    assertThat(state.steps()).extracting(EnvironmentState.StepSummary::name).contains("NAMESPACE");
    assertThat(kube.namespaces().withName(envNamespace).get()).isNotNull();
    assertThat(
            kube.secrets()
                .inNamespace(envNamespace)
                .withName(EnvironmentNaming.CONNECTION_SECRET_NAME)
                .get())
        .isNotNull();
    // The printer columns: the phase and the namespace, as kubectl get shows them.
    Kubectl.Result listed = kubectl.run("-n", lifecycleNs, "get", "environments");
    assertThat(listed.output()).contains("PHASE", "NAMESPACE", "EXPIRES", "AGE");
    assertThat(listed.output()).contains("READY").contains(envNamespace);
    assertThat(eventsOf(lifecycleNs, name)).contains("Normal/Ready");
    Instant firstExpiry = Instant.parse(state.expiresAt());

    // A longer TTL moves the expiry to creation + the new TTL.
    Kubectl.Result patched =
        kubectl.run(
            "-n",
            lifecycleNs,
            "patch",
            "environment",
            name,
            "--type=merge",
            "-p",
            "{\"spec\":{\"ttl\":\"PT2H\"}}");
    assertThat(patched.ok()).as(patched.output()).isTrue();
    await("the expiry to move by an hour")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              EnvironmentState now = statusOf(lifecycleNs, name);
              return now.expiresAt() != null
                  && Duration.between(firstExpiry, Instant.parse(now.expiresAt()))
                          .compareTo(Duration.ofMinutes(59))
                      > 0
                  && Long.valueOf(2).equals(now.observedGeneration());
            });
    assertThat(condition(statusOf(lifecycleNs, name), "SpecApplied").getStatus()).isEqualTo("True");

    // Any other change is refused, and the environment keeps its spec.
    kubectl.run(
        "-n",
        lifecycleNs,
        "patch",
        "environment",
        name,
        "--type=merge",
        "-p",
        "{\"spec\":{\"profile\":\"large\"}}");
    await("the profile change to be refused")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                "False".equals(condition(statusOf(lifecycleNs, name), "SpecApplied").getStatus()));
    Condition refused = condition(statusOf(lifecycleNs, name), "SpecApplied");
    assertThat(refused.getReason()).isEqualTo("SpecChangeRefused");
    assertThat(refused.getMessage()).contains("profile");
    assertThat(statusOf(lifecycleNs, name).phase()).isEqualTo("READY");
    assertThat(runs.status(state.workflowId(), state.runId()).request().profile())
        .isEqualTo(Profile.SMALL);

    // Deleting the resource destroys the environment; the resource goes only after.
    Kubectl.Result deleted =
        kubectl.run("-n", lifecycleNs, "delete", "environment", name, "--wait=false");
    assertThat(deleted.ok()).as(deleted.output()).isTrue();
    Kubectl.Result gone =
        kubectl.run(
            null,
            PATIENCE.toSeconds(),
            "-n",
            lifecycleNs,
            "wait",
            "--for=delete",
            "environment/" + name,
            "--timeout=" + PATIENCE.toSeconds() + "s");
    assertThat(gone.ok()).as(gone.output()).isTrue();
    assertThat(describeStatus(state.workflowId(), state.runId()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(runs.finalStatus(state.workflowId(), state.runId()).phase().name())
        .isEqualTo("DESTROYED");
    Optional.ofNullable(kube.namespaces().withName(envNamespace).get())
        .ifPresent(
            ns ->
                assertThat(ns.getStatus().getPhase())
                    .as("namespace %s", envNamespace)
                    .isEqualTo("Terminating"));
  }

  @Test
  void givenAnInvalidSpec_itShouldBeRefusedByTheApiServerOrWithAFailedCondition() throws Exception {
    Kubectl.Result badProfile =
        kubectl.apply(manifest(refusedNs, "bad-profile", "  profile: huge\n"));
    assertThat(badProfile.ok()).isFalse();
    assertThat(badProfile.output()).contains("spec.profile").contains("huge");

    Kubectl.Result badName = kubectl.apply(manifest(refusedNs, "bad.name", "  profile: small\n"));
    assertThat(badName.ok()).isFalse();
    assertThat(badName.output()).contains("DNS-1123 label");

    Kubectl.Result badTtl = kubectl.apply(manifest(refusedNs, "bad-ttl", "  ttl: 8 hours\n"));
    assertThat(badTtl.ok()).isFalse();
    assertThat(badTtl.output()).contains("spec.ttl");

    // Beyond the TTL policy (P7D): only the operator knows the policy.
    Kubectl.Result tooLong = kubectl.apply(manifest(refusedNs, "too-long", "  ttl: P30D\n"));
    assertThat(tooLong.ok()).as(tooLong.output()).isTrue();
    Condition failed = awaitFailed(refusedNs, "too-long");
    assertThat(failed.getReason()).isEqualTo("InvalidSpec");
    assertThat(failed.getMessage()).contains("spec.ttl");
    assertNothingStarted(refusedTeam, "too-long");
  }

  @Test
  void givenANamespaceOfNoTeamOrASpecNamingAnotherTeam_itShouldFailAndStartNothing()
      throws Exception {
    assertThat(kubectl.apply(manifest(unlabelledNs, "orphan", "  profile: small\n")).ok()).isTrue();
    Condition noTeam = awaitFailed(unlabelledNs, "orphan");
    assertThat(noTeam.getReason()).isEqualTo("NamespaceHasNoTeam");
    assertThat(noTeam.getMessage()).contains(unlabelledNs).contains(TEAM_LABEL);

    String otherTeam = "payments-" + RUN;
    assertThat(
            kubectl
                .apply(
                    manifest(
                        refusedNs, "intruder", "  team: " + otherTeam + "\n  profile: small\n"))
                .ok())
        .isTrue();
    Condition other = awaitFailed(refusedNs, "intruder");
    assertThat(other.getReason()).isEqualTo("OtherTeam");
    assertThat(other.getMessage()).contains(otherTeam).contains(refusedTeam);
    assertNothingStarted(otherTeam, "intruder");
    assertNothingStarted(refusedTeam, "intruder");

    // Deleting a refused resource is immediate: nothing of its own to destroy.
    Kubectl.Result deleted =
        kubectl.run(
            null, 60, "-n", refusedNs, "delete", "environment", "intruder", "--timeout=60s");
    assertThat(deleted.ok()).as(deleted.output()).isTrue();
  }

  @Test
  void givenATeamAtItsLimit_itShouldFailWithTheLimitAndStartNothing() throws Exception {
    assertThat(kubectl.apply(manifest(fullNs, "one-more", "  profile: small\n")).ok()).isTrue();
    Condition limited = awaitFailed(fullNs, "one-more");
    assertThat(limited.getReason()).isEqualTo("TeamLimitReached");
    assertThat(limited.getMessage()).contains(fullTeam).contains("at most 0");
    assertNothingStarted(fullTeam, "one-more");
  }

  @Test
  void
      givenAnEnvironmentStartedThroughTheApiWithAnotherSpec_itShouldReportAConflictAndChangeNothing()
          throws Exception {
    String name = "shared";
    EnvironmentRequest viaApi =
        new EnvironmentRequest(
            conflictTeam,
            name,
            ClusterChoice.sharedDefault(),
            Profile.MEDIUM,
            DatabaseChoice.none(),
            "PT1H");
    EnvironmentRuns.StartResult started = runs.start(viaApi);
    assertThat(started.started()).isTrue();
    String workflowId = EnvironmentNaming.workflowId(conflictTeam, name);

    assertThat(kubectl.apply(manifest(conflictNs, name, "  profile: small\n  ttl: PT1H\n")).ok())
        .isTrue();
    Condition conflict = awaitFailed(conflictNs, name);
    assertThat(conflict.getReason()).isEqualTo("Conflict");
    assertThat(conflict.getMessage()).contains("profile is medium, the resource asks for small");
    assertThat(statusOf(conflictNs, name).runId()).isNull();
    assertThat(eventsOf(conflictNs, name)).containsExactly("Warning/Conflict");

    // Deleting the conflicting resource leaves the API's environment alone.
    Kubectl.Result deleted =
        kubectl.run(null, 60, "-n", conflictNs, "delete", "environment", name, "--timeout=60s");
    assertThat(deleted.ok()).as(deleted.output()).isTrue();
    assertThat(describeStatus(workflowId, started.runId()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(runs.status(workflowId, started.runId()).request().profile())
        .isEqualTo(Profile.MEDIUM);
    runs.destroy(workflowId, started.runId(), "operator test done");
  }

  @Test
  void givenTheOperatorKilledMidWay_whenItRestarts_itShouldConvergeWithOneRunAndHonourTheFinalizer()
      throws Exception {
    String name = "restart";
    String workflowId = EnvironmentNaming.workflowId(restartTeam, name);
    assertThat(kubectl.apply(manifest(restartNs, name, "  ttl: PT1H\n")).ok()).isTrue();
    // Killed as soon as the run exists: the status may or may not have been written.
    await("the run to be started")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> runs.describe(workflowId).isPresent());
    operator.kill();
    operator = null;
    operator = startOperator();
    Kubectl.Result ready =
        kubectl.run(
            null,
            PATIENCE.toSeconds(),
            "-n",
            restartNs,
            "wait",
            "--for=condition=Ready",
            "environment/" + name,
            "--timeout=" + PATIENCE.toSeconds() + "s");
    assertThat(ready.ok()).as(ready.output()).isTrue();
    assertThat(runsOf(workflowId)).as("runs of %s", workflowId).isEqualTo(1);
    String runId = statusOf(restartNs, name).runId();

    // Deleted while no operator runs: the finalizer keeps the resource until one destroys it.
    operator.kill();
    operator = null;
    assertThat(kubectl.run("-n", restartNs, "delete", "environment", name, "--wait=false").ok())
        .isTrue();
    TimeUnit.SECONDS.sleep(3);
    Environment pending =
        kube.resources(Environment.class).inNamespace(restartNs).withName(name).get();
    assertThat(pending).isNotNull();
    assertThat(pending.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(describeStatus(workflowId, runId))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    operator = startOperator();
    Kubectl.Result gone =
        kubectl.run(
            null,
            PATIENCE.toSeconds(),
            "-n",
            restartNs,
            "wait",
            "--for=delete",
            "environment/" + name,
            "--timeout=" + PATIENCE.toSeconds() + "s");
    assertThat(gone.ok()).as(gone.output()).isTrue();
    assertThat(describeStatus(workflowId, runId))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(runsOf(workflowId)).isEqualTo(1);
  }

  private OperatorJvm startOperator() {
    return OperatorJvm.start(
        platform,
        TASK_QUEUE,
        PREFIX,
        namespaces(),
        // The API's team limit setting, which the operator honours the same way.
        Map.of(
            "SPRING_APPLICATION_JSON",
            "{\"envforge\":{\"limits\":{\"teams\":{\"" + fullTeam + "\":0}}}}"),
        LOGS.resolve("operator-it-operator.log"));
  }

  /** Every namespace the test's resources live in; the operator watches these only. */
  private List<String> namespaces() {
    return List.of(lifecycleNs, refusedNs, unlabelledNs, conflictNs, restartNs, fullNs);
  }

  private static String manifest(String namespace, String name, String spec) {
    return """
        apiVersion: envforge.dev/v1alpha1
        kind: Environment
        metadata:
          name: %s
          namespace: %s
        spec:
        %s"""
        .formatted(name, namespace, spec);
  }

  private void installCrd() throws Exception {
    Path crd =
        LocalPlatformExtension.repositoryRoot()
            .resolve("deploy/helm/envforge/crds/environments.envforge.dev.yaml");
    Kubectl.Result applied =
        kubectl.run(null, 60, "apply", "--server-side", "--force-conflicts", "-f", crd.toString());
    assertThat(applied.ok()).as(applied.output()).isTrue();
    await("the Environment CRD to be established")
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              CustomResourceDefinition found =
                  kube.apiextensions()
                      .v1()
                      .customResourceDefinitions()
                      .withName("environments.envforge.dev")
                      .get();
              return found != null
                  && found.getStatus() != null
                  && found.getStatus().getConditions().stream()
                      .anyMatch(
                          c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
            });
  }

  private void label(String namespace, String team) {
    NamespaceBuilder builder =
        new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata();
    if (team != null) {
      builder.editMetadata().withLabels(Map.of(TEAM_LABEL, team)).endMetadata();
    }
    kube.namespaces().resource(builder.build()).serverSideApply();
  }

  private EnvironmentState statusOf(String namespace, String name) {
    Environment found =
        kube.resources(Environment.class).inNamespace(namespace).withName(name).get();
    return found == null || found.getStatus() == null
        ? new EnvironmentState(null, null, null, null, null, null, null, null, null, null, null)
        : found.getStatus();
  }

  private static Condition condition(EnvironmentState state, String type) {
    return state.condition(type).orElse(new Condition());
  }

  /** Waits with the real kubectl, as a person or a pipeline would, for the Failed condition. */
  private Condition awaitFailed(String namespace, String name) throws Exception {
    Kubectl.Result failed =
        kubectl.run(
            null,
            60,
            "-n",
            namespace,
            "wait",
            "--for=condition=Failed",
            "environment/" + name,
            "--timeout=60s");
    assertThat(failed.ok()).as(failed.output() + " / " + statusOf(namespace, name)).isTrue();
    return condition(statusOf(namespace, name), "Failed");
  }

  /** The Events on a resource, as type/reason. */
  private List<String> eventsOf(String namespace, String name) {
    return kube.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> name.equals(event.getInvolvedObject().getName()))
        .filter(event -> "Environment".equals(event.getInvolvedObject().getKind()))
        .map(event -> event.getType() + "/" + event.getReason())
        .toList();
  }

  private void assertNothingStarted(String team, String name) {
    assertThat(runs.describe(EnvironmentNaming.workflowId(team, name))).isEmpty();
    assertThat(kube.namespaces().withName(PREFIX + team + "-" + name).get()).isNull();
  }

  private WorkflowExecutionStatus describeStatus(String workflowId, String runId) {
    return temporal
        .newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty())
        .describe()
        .getStatus();
  }

  /** How many runs, open or closed, the workflow id has had. */
  private long runsOf(String workflowId) {
    return temporal.listExecutions("WorkflowId = '" + workflowId + "'").count();
  }

  /**
   * Gives a team's runs that are tearing down the time to finish (terminating one midway would
   * leave its namespace behind), then ends whatever is still open.
   */
  private void terminateOpenRunOf(String team) {
    List<String> ids = new ArrayList<>();
    String open = "EnvTeam = '" + team + "' AND ExecutionStatus = 'Running'";
    try {
      await("the open runs of " + team + " to end")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> temporal.listExecutions(open).findAny().isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException stillOpen) {
      // terminated below
    }
    // The team's quota run waits on this test's own task queue, which nothing polls afterwards.
    ids.add(TeamQuotaWorkflow.workflowId(team));
    temporal.listExecutions(open).forEach(run -> ids.add(run.getExecution().getWorkflowId()));
    for (String id : ids) {
      try {
        temporal.newUntypedWorkflowStub(id).terminate("operator test cleanup");
      } catch (WorkflowNotFoundException alreadyGone) {
        // ended meanwhile
      } catch (io.temporal.client.WorkflowServiceException notRunning) {
        // never started, or ended meanwhile
      }
    }
  }
}
