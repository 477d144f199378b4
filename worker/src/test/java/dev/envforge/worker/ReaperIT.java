package dev.envforge.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.postgres.DirectPostgresActivities;
import dev.envforge.activities.postgres.PostgresServer;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.reaper.ActionOutcome;
import dev.envforge.workflows.reaper.EnvironmentClass;
import dev.envforge.workflows.reaper.ReaperWorkflow;
import dev.envforge.workflows.reaper.SweepAction;
import dev.envforge.workflows.reaper.SweepReport;
import dev.envforge.workflows.reaper.SweepRequest;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reaper against the real API server, Postgres and Temporal dev server, with the packaged
 * worker. Every name carries this run's random prefix, and the worker only sweeps that prefix, so
 * managed namespaces of other tests on the same API server are never touched (one of them is seeded
 * here on purpose).
 */
@ExtendWith(LocalPlatformExtension.class)
class ReaperIT {

  private static final Duration ORPHAN_GRACE = Duration.ofSeconds(45);

  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final String prefix = "rp" + run + "-";
  private final String taskQueue = "reaper-it-" + run;
  private final String scheduleId = "reaper-it-" + run;

  private LocalPlatform platform;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private ScheduleClient schedules;
  private PlatformProbe probe;
  private RegistryClusterClients clusters;
  private final List<String> seededNamespaces = new ArrayList<>();
  private final List<EnvironmentWorkflow> startedEnvironments = new ArrayList<>();
  private final List<DatabaseSpec> databases = new ArrayList<>();

  @BeforeEach
  void connect(LocalPlatform platform) {
    this.platform = platform;
    service = platform.newTemporalService();
    client = platform.workflowClient(service);
    schedules =
        ScheduleClient.newInstance(
            service,
            ScheduleClientOptions.newBuilder().setNamespace(platform.temporalNamespace()).build());
    probe = new PlatformProbe(platform);
    clusters = LocalClusterClients.of(platform);
  }

  @AfterEach
  void cleanUp() throws Exception {
    // The worker is gone by now: a run the test did not finish is terminated, and what it made
    // is removed here.
    for (EnvironmentWorkflow environment : startedEnvironments) {
      WorkflowStub stub = WorkflowStub.fromTyped(environment);
      if (stub.describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        stub.terminate("reaper test finished");
      }
    }
    probe
        .kubernetes
        .namespaces()
        .withLabel(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE)
        .list()
        .getItems()
        .stream()
        .map(ns -> ns.getMetadata().getName())
        .filter(name -> name.startsWith(prefix))
        .forEach(seededNamespaces::add);
    for (DatabaseSpec database : databases) {
      postgresActivities().dropDatabase(database);
    }
    for (String namespace : seededNamespaces) {
      probe.kubernetes.namespaces().withName(namespace).delete();
    }
    try {
      schedules.getHandle(scheduleId).delete();
    } catch (RuntimeException notThere) {
      // The test made none, or removed it.
    }
    clusters.close();
    probe.close();
    service.shutdownNow();
  }

  @Test
  void givenNamespacesOfEveryClass_whenSwept_itShouldReportThenTearDownExactlyTheAbandonedOnes()
      throws Exception {
    // Seeded first: it must be older than the grace period when the sweeps run.
    Seeded orphan = seedNamespace("ro", Instant.now().plus(Duration.ofDays(1)), false);
    createDatabaseFor(orphan);
    Seeded expired = seedNamespace("rx", Instant.now().minus(Duration.ofHours(1)), false);
    Seeded kept = seedNamespace("rk", Instant.now().minus(Duration.ofHours(1)), true);
    String foreign = "rf" + run + "-rx-" + run;
    seedNamespace(foreign, "rx", Instant.now().minus(Duration.ofHours(1)), false);
    long orphanSeededAt = System.nanoTime();

    try (WorkerJvm worker = startWorker(Map.of(), "reaper-worker-1")) {
      EnvironmentWorkflow live = startEnvironment("rl", DatabaseChoice.none());
      EnvironmentWorkflow drifting =
          startEnvironment("rd", DatabaseChoice.postgres(DatabaseDriver.DIRECT));
      awaitStatus(live, s -> s.phase() == Phase.READY, Duration.ofMinutes(2));
      EnvironmentStatus drifted =
          awaitStatus(drifting, s -> s.phase() == Phase.READY, Duration.ofMinutes(2));
      String driftedNamespace = drifted.outputs().namespace();
      String driftedDatabase = EnvironmentNaming.postgresName(driftedNamespace);
      databases.add(
          new DatabaseSpec(
              ClusterRef.shared("local"),
              driftedNamespace,
              driftedDatabase,
              driftedDatabase,
              EnvironmentNaming.CONNECTION_SECRET_NAME,
              new EnvironmentLabels(drifted.environmentId(), "rd", null, null)));
      probe.kubernetes.namespaces().withName(driftedNamespace).delete();
      awaitGone(driftedNamespace);

      long waitNanos = ORPHAN_GRACE.plusSeconds(2).toNanos() - (System.nanoTime() - orphanSeededAt);
      if (waitNanos > 0) {
        TimeUnit.NANOSECONDS.sleep(waitNanos);
      }
      Seeded recent = seedNamespace("rn", Instant.now().plus(Duration.ofDays(1)), false);
      String liveNamespace = live.status().outputs().namespace();

      // Dry run: the report says everything, nothing changes.
      SweepReport dry = sweep("dry", true);
      assertThat(dry.dryRun()).isTrue();
      assertThat(dry.namespaces())
          .containsEntry(EnvironmentClass.LIVE, List.of("local/" + liveNamespace))
          .containsEntry(EnvironmentClass.EXPIRED, List.of("local/" + expired.namespace()))
          .containsEntry(EnvironmentClass.ORPHAN, List.of("local/" + orphan.namespace()))
          .containsEntry(EnvironmentClass.KEPT, List.of("local/" + kept.namespace()))
          .containsEntry(EnvironmentClass.DRIFTED, List.of("local/" + driftedNamespace))
          .containsEntry(EnvironmentClass.RECENT, List.of("local/" + recent.namespace()))
          .containsEntry(EnvironmentClass.TERMINATING, List.of());
      assertThat(dry.outcomes()).containsOnly(Map.entry(ActionOutcome.REPORTED, 3));
      assertThat(dry.clusterFailures()).isEmpty();
      for (String namespace :
          List.of(
              expired.namespace(),
              orphan.namespace(),
              kept.namespace(),
              recent.namespace(),
              foreign,
              liveNamespace)) {
        assertThat(probe.kubernetes.namespaces().withName(namespace).get())
            .as(namespace + " after a dry run")
            .isNotNull();
      }
      assertThat(probe.postgresObjects(orphan.postgresName()))
          .containsExactly("database:" + orphan.postgresName(), "role:" + orphan.postgresName());
      assertThat(probe.secret(orphan.namespace(), EnvironmentNaming.CONNECTION_SECRET_NAME))
          .isNotNull();
      assertThat(status(drifting))
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

      // Two sweeps at once: each abandoned namespace is torn down by exactly one teardown run.
      CompletableFuture<SweepReport> first = CompletableFuture.supplyAsync(() -> sweep("a", false));
      CompletableFuture<SweepReport> second =
          CompletableFuture.supplyAsync(() -> sweep("b", false));
      List<SweepReport> acting =
          List.of(first.get(5, TimeUnit.MINUTES), second.get(5, TimeUnit.MINUTES));

      Map<String, Integer> tornDown = new HashMap<>();
      for (SweepReport report : acting) {
        assertThat(report.dryRun()).isFalse();
        assertThat(report.count(ActionOutcome.FAILED)).as("failed actions").isZero();
        for (SweepAction action : report.actions()) {
          if (action.outcome() == ActionOutcome.TORN_DOWN) {
            tornDown.merge(action.namespace(), 1, Integer::sum);
          }
        }
      }
      assertThat(tornDown)
          .containsOnly(Map.entry(expired.namespace(), 1), Map.entry(orphan.namespace(), 1));
      for (Seeded gone : List.of(expired, orphan)) {
        assertThat(teardownRuns(gone)).as("teardown runs of " + gone.namespace()).isEqualTo(1);
        assertThat(probe.kubernetes.namespaces().withName(gone.namespace()).get()).isNull();
      }
      assertThat(probe.postgresObjects(orphan.postgresName())).isEmpty();

      // The drifted environment's own workflow removed its database and role, and ended.
      WorkflowStub.fromTyped(drifting).getResult(2, TimeUnit.MINUTES, EnvironmentStatus.class);
      assertThat(status(drifting))
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
      assertThat(probe.postgresObjects(driftedDatabase)).isEmpty();
      assertThat(acting.stream().mapToInt(r -> r.count(ActionOutcome.SIGNALLED)).sum())
          .isBetween(1, 2);

      // Left alone: live, kept, recent, and the namespace outside this worker's prefix.
      for (String namespace :
          List.of(liveNamespace, kept.namespace(), recent.namespace(), foreign)) {
        Namespace survivor = probe.kubernetes.namespaces().withName(namespace).get();
        assertThat(survivor).as(namespace).isNotNull();
        assertThat(survivor.getMetadata().getDeletionTimestamp()).as(namespace).isNull();
      }
      assertThat(status(live)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      assertThat(acting)
          .allSatisfy(
              report ->
                  assertThat(report.namespaces().values().stream().flatMap(List::stream))
                      .noneMatch(listed -> listed.contains(foreign)));

      live.destroy("reaper test finished");
      WorkflowStub.fromTyped(live).getResult(2, TimeUnit.MINUTES, EnvironmentStatus.class);
    }
  }

  @Test
  void givenAWorkerRestartedWithOtherSettings_whenItStarts_itShouldUpdateTheOneSchedule() {
    try (WorkerJvm first =
        startWorker(Map.of("ENVFORGE_REAPER_INTERVAL", "PT15M"), "reaper-worker-2")) {
      assertSchedule(Duration.ofMinutes(15));
    }
    try (WorkerJvm second =
        startWorker(Map.of("ENVFORGE_REAPER_INTERVAL", "PT7M"), "reaper-worker-3")) {
      assertSchedule(Duration.ofMinutes(7));
    }
  }

  private void assertSchedule(Duration interval) {
    assertThat(schedules.listSchedules().filter(s -> s.getScheduleId().equals(scheduleId)).count())
        .isEqualTo(1);
    ScheduleDescription description = schedules.getHandle(scheduleId).describe();
    assertThat(description.getSchedule().getSpec().getIntervals())
        .extracting(ScheduleIntervalSpec::getEvery)
        .containsExactly(interval);
    assertThat(description.getSchedule().getState().isPaused()).isTrue();
  }

  private WorkerJvm startWorker(Map<String, String> extra, String logName) {
    Map<String, String> settings = new HashMap<>();
    settings.put("ENVFORGE_REAPER_ENABLED", "true");
    settings.put("ENVFORGE_REAPER_SCHEDULE_ID", scheduleId);
    // Paused: this test starts its sweeps itself, at moments it chooses.
    settings.put("ENVFORGE_REAPER_PAUSED", "true");
    settings.put("ENVFORGE_REAPER_DRY_RUN", "true");
    settings.put("ENVFORGE_REAPER_ORPHAN_GRACE", ORPHAN_GRACE.toString());
    settings.putAll(extra);
    return WorkerJvm.start(
        platform,
        taskQueue,
        prefix,
        Path.of("target", logName + ".log").toAbsolutePath(),
        settings);
  }

  private SweepReport sweep(String suffix, boolean dryRun) {
    ReaperWorkflow reaper =
        client.newWorkflowStub(
            ReaperWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(scheduleId + "/" + suffix)
                .setTaskQueue(taskQueue)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                .build());
    return reaper.sweep(new SweepRequest(dryRun));
  }

  private long teardownRuns(Seeded seeded) {
    return client
        .listExecutions(
            "WorkflowId = 'teardown/local/" + seeded.namespace() + "/" + seeded.uid() + "'")
        .count();
  }

  /** A managed namespace of this run's prefix whose environment workflow never existed. */
  private Seeded seedNamespace(String team, Instant expiresAt, boolean keep) {
    String name = "e" + run;
    return seedNamespace(EnvironmentNaming.namespace(prefix, team, name), team, expiresAt, keep);
  }

  private Seeded seedNamespace(String namespace, String team, Instant expiresAt, boolean keep) {
    String name = "e" + run;
    String environmentId = EnvironmentNaming.environmentId(team, name);
    Map<String, String> labels = new HashMap<>();
    labels.put(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE);
    labels.put(EnvironmentLabels.ENVIRONMENT, environmentId);
    labels.put(EnvironmentLabels.TEAM, team);
    if (keep) {
      labels.put(EnvironmentLabels.KEEP, "true");
    }
    Namespace created =
        probe
            .kubernetes
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(namespace)
                    .withLabels(labels)
                    .withAnnotations(
                        Map.of(
                            EnvironmentLabels.EXPIRES_AT,
                            expiresAt.toString(),
                            EnvironmentLabels.WORKFLOW_ID,
                            EnvironmentNaming.workflowId(team, name)))
                    .endMetadata()
                    .build())
            .create();
    seededNamespaces.add(namespace);
    return new Seeded(
        namespace,
        created.getMetadata().getUid(),
        new EnvironmentLabels(
            environmentId, team, EnvironmentNaming.workflowId(team, name), expiresAt));
  }

  /** The database, role and Secret exactly as the direct driver makes them for an environment. */
  private void createDatabaseFor(Seeded seeded) {
    DatabaseSpec spec =
        new DatabaseSpec(
            ClusterRef.shared("local"),
            seeded.namespace(),
            seeded.postgresName(),
            seeded.postgresName(),
            EnvironmentNaming.CONNECTION_SECRET_NAME,
            seeded.labels());
    databases.add(spec);
    postgresActivities().ensureDatabase(spec);
  }

  private DirectPostgresActivities postgresActivities() {
    return new DirectPostgresActivities(
        PostgresServer.of(
            platform.postgresUrl(), platform.postgresUser(), platform.postgresPasswordFile()),
        clusters);
  }

  private EnvironmentWorkflow startEnvironment(String team, DatabaseChoice database) {
    String name = "e" + run;
    EnvironmentWorkflow workflow =
        client.newWorkflowStub(
            EnvironmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(EnvironmentNaming.workflowId(team, name))
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(
        workflow::run,
        new EnvironmentRequest(
            team, name, ClusterChoice.sharedDefault(), Profile.SMALL, database, "PT1H"));
    startedEnvironments.add(workflow);
    return workflow;
  }

  private static WorkflowExecutionStatus status(EnvironmentWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).describe().getStatus();
  }

  private static EnvironmentStatus awaitStatus(
      EnvironmentWorkflow workflow, Predicate<EnvironmentStatus> wanted, Duration patience) {
    return await("the environment's status")
        .atMost(patience)
        .pollInterval(Duration.ofMillis(250))
        .until(workflow::status, wanted);
  }

  private void awaitGone(String namespace) {
    await("namespace " + namespace + " deleted")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> probe.kubernetes.namespaces().withName(namespace).get() == null);
  }

  private record Seeded(String namespace, String uid, EnvironmentLabels labels) {
    String postgresName() {
      return EnvironmentNaming.postgresName(namespace);
    }
  }
}
