package dev.envforge.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.activities.postgres.RoleLock;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepState;
import dev.envforge.workflows.environment.StepStatus;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kills the worker process with SIGKILL in the middle of provisioning, starts a new one, and checks
 * that the environment reaches READY once with nothing duplicated or left behind.
 */
@ExtendWith(LocalPlatformExtension.class)
class WorkerCrashIT {

  private static final String PREFIX = "crash-";

  private LocalPlatform platform;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private PlatformProbe probe;
  private final String taskQueue = "crash-" + UUID.randomUUID();
  private final String team = "crash";
  private final String name = "e" + UUID.randomUUID().toString().substring(0, 6);
  private final String environmentId = team + "-" + name;
  private final String namespace = PREFIX + environmentId;
  private final String postgresName = EnvironmentNaming.postgresName(namespace);

  @BeforeEach
  void connect(LocalPlatform platform) {
    this.platform = platform;
    service = platform.newTemporalService();
    client = platform.workflowClient(service);
    probe = new PlatformProbe(platform);
  }

  @AfterEach
  void disconnect() {
    probe.close();
    service.shutdownNow();
  }

  @Test
  void givenAWorkerKilledWhileANamespaceStepWaits_whenRestarted_itShouldBeReadyOnceAndCleanUp()
      throws Exception {
    // A namespace of this environment left Terminating by a finalizer makes the NAMESPACE step
    // wait and retry: a moment in the middle of provisioning that the test can hold on to.
    probe
        .kubernetes
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .withLabels(
                    Map.of(
                        "app.kubernetes.io/managed-by", "envforge",
                        "envforge.dev/environment", environmentId,
                        "envforge.dev/team", team))
                .withFinalizers("envforge.dev/test-hold")
                .endMetadata()
                .build())
        .create();
    probe.kubernetes.namespaces().withName(namespace).delete();

    EnvironmentWorkflow workflow;
    try (WorkerJvm first = WorkerJvm.start(platform, taskQueue, PREFIX, log("crash-worker-1"))) {
      workflow = startEnvironment();
      EnvironmentStatus waiting =
          awaitStatus(
              workflow,
              s -> step(s, Step.NAMESPACE).attempts() >= 2,
              Duration.ofSeconds(90),
              "the NAMESPACE step to retry");
      assertThat(waiting.phase()).isEqualTo(Phase.PROVISIONING);
      assertThat(step(waiting, Step.CLUSTER).status()).isEqualTo(StepStatus.DONE);
      first.kill();
      assertThat(first.alive()).isFalse();
    }

    probe
        .kubernetes
        .namespaces()
        .withName(namespace)
        .edit(ns -> new NamespaceBuilder(ns).editMetadata().withFinalizers().endMetadata().build());

    restartAndAssertReadyOnceThenGone(workflow, "crash-worker-2");
  }

  /**
   * The short steps run as local activities, one after another inside one workflow task, so the
   * status query only answers once the chain has ended. The test pauses the chain from outside
   * instead: it holds the environment's role lock, so the DATABASE step waits (a few seconds, as a
   * local activity) right after the namespace was made, and the kill lands while the chain's
   * workflow task is still open. The next worker runs the whole chain again.
   */
  @Test
  void givenAWorkerKilledInTheMiddleOfTheLocalSteps_whenRestarted_itShouldBeReadyOnceAndCleanUp()
      throws Exception {
    EnvironmentWorkflow workflow;
    try (WorkerJvm first = WorkerJvm.start(platform, taskQueue, PREFIX, log("crash-worker-3"));
        Connection roleLock = holdRoleLock()) {
      workflow = startEnvironment();
      awaitNamespace(Duration.ofSeconds(60));
      first.kill();
      assertThat(first.alive()).isFalse();

      List<String> recorded = localActivitiesRecorded(workflow);
      System.out.println("worker killed; local activities recorded by then: " + recorded);
      assertThat(recorded).doesNotContain("EnsureDatabase");
    }

    restartAndAssertReadyOnceThenGone(workflow, "crash-worker-4");
  }

  /** Holds the advisory lock the database step takes for this environment's role. */
  private Connection holdRoleLock() throws Exception {
    Connection session =
        DriverManager.getConnection(
            platform.postgresUrl(), platform.postgresUser(), platform.postgresPassword());
    try (PreparedStatement lock = session.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, RoleLock.key(postgresName));
      lock.execute();
    } catch (Exception e) {
      session.close();
      throw e;
    }
    return session;
  }

  private void awaitNamespace(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (probe.kubernetes.namespaces().withName(namespace).get() == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("namespace " + namespace + " never appeared");
      }
      Thread.sleep(10);
    }
  }

  /** The activity types of the local-activity markers in the run's history so far. */
  private List<String> localActivitiesRecorded(EnvironmentWorkflow workflow) {
    String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(HistoryEvent::getMarkerRecordedEventAttributes)
        .filter(marker -> marker.getMarkerName().equals("LocalActivity"))
        .map(marker -> marker.getDetailsOrThrow("type").getPayloads(0).getData().toStringUtf8())
        .map(type -> type.replace("\"", ""))
        .toList();
  }

  /** A fresh worker must finish what the killed one began, exactly once. */
  private void restartAndAssertReadyOnceThenGone(EnvironmentWorkflow workflow, String logName)
      throws Exception {
    try (WorkerJvm second = WorkerJvm.start(platform, taskQueue, PREFIX, log(logName))) {
      EnvironmentStatus ready =
          awaitStatus(
              workflow,
              s -> s.phase() == Phase.READY,
              Duration.ofMinutes(3),
              "READY after restart");
      assertReadyExactlyOnce(ready);
      destroyAndAssertNothingLeft(workflow);
    }
  }

  private static Path log(String name) {
    return Path.of("target", name + ".log").toAbsolutePath();
  }

  private EnvironmentWorkflow startEnvironment() {
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
            team,
            name,
            ClusterChoice.sharedDefault(),
            Profile.SMALL,
            DatabaseChoice.postgres(DatabaseDriver.DIRECT),
            "PT1H"));
    return workflow;
  }

  private void assertReadyExactlyOnce(EnvironmentStatus ready) throws Exception {
    // Argo CD registration is not configured for this worker and the request asks for no
    // capabilities: those two steps are the ones skipped.
    assertThat(ready.steps())
        .filteredOn(s -> s.step() != Step.ARGOCD && s.step() != Step.CAPABILITIES)
        .extracting(StepState::status)
        .containsOnly(StepStatus.DONE);
    assertThat(step(ready, Step.ARGOCD).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(step(ready, Step.CAPABILITIES).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(probe.namespacesOf(environmentId)).hasSize(1);
    assertThat(probe.postgresObjects(postgresName))
        .containsExactly("database:" + postgresName, "role:" + postgresName);

    Secret secret = probe.secret(namespace, ready.outputs().secretName());
    assertThat(secret).isNotNull();
    try (Connection app =
            DriverManager.getConnection(
                PlatformProbe.decode(secret, "jdbc-url"),
                PlatformProbe.decode(secret, "username"),
                PlatformProbe.decode(secret, "password"));
        ResultSet current = app.createStatement().executeQuery("SELECT current_database()")) {
      current.next();
      assertThat(current.getString(1)).isEqualTo(postgresName);
    }
  }

  private void destroyAndAssertNothingLeft(EnvironmentWorkflow workflow) throws Exception {
    workflow.destroy("crash test finished");
    WorkflowStub.fromTyped(workflow)
        .getResult(60, java.util.concurrent.TimeUnit.SECONDS, EnvironmentStatus.class);
    assertThat(WorkflowStub.fromTyped(workflow).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(probe.namespacesOf(environmentId)).isEmpty();
    assertThat(probe.kubernetes.namespaces().withName(namespace).get()).isNull();
    assertThat(probe.postgresObjects(postgresName)).isEmpty();
  }

  private static EnvironmentStatus awaitStatus(
      EnvironmentWorkflow workflow,
      Predicate<EnvironmentStatus> condition,
      Duration patience,
      String what) {
    return await(what)
        .atMost(patience)
        .pollInterval(Duration.ofMillis(25))
        // Queries need a live worker; right after a restart the first ones may time out.
        .ignoreExceptionsInstanceOf(RuntimeException.class)
        .until(workflow::status, condition);
  }

  private static StepState step(EnvironmentStatus status, Step step) {
    return status.steps().stream().filter(s -> s.step() == step).findFirst().orElseThrow();
  }
}
