package dev.envforge.workflows.environment;

import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.envforge.workflows.activities.AccessActivities;
import dev.envforge.workflows.activities.ArgoCdActivities;
import dev.envforge.workflows.activities.CapabilityActivities;
import dev.envforge.workflows.activities.ClusterActivities;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.CrossplaneActivities;
import dev.envforge.workflows.activities.DaprComponent;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.LifecycleEventActivities;
import dev.envforge.workflows.activities.LifecycleNotificationActivities;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.PostgresActivities;
import dev.envforge.workflows.activities.SettingsActivities;
import dev.envforge.workflows.activities.WebhookDelivery;
import dev.envforge.workflows.activities.WorkloadActivities;
import dev.envforge.workflows.request.Capability;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.mockito.Mockito;

/** Mocked activities and canned requests for the workflow tests. */
final class EnvironmentFixture {

  /** Argo CD registration is on, so that every test also runs the ARGOCD step. */
  static final EnvironmentSettings SETTINGS =
      new EnvironmentSettings("env-", Duration.ofHours(8), Duration.ofDays(7), Duration.ofHours(1))
          .withArgoCdRegistration(true);

  /** The most real time one wait may take; workflow time skips far further meanwhile. */
  private static final Duration REAL_PATIENCE = Duration.ofSeconds(30);

  private static final Duration WORKFLOW_TIME_STEP = Duration.ofMillis(200);

  static final ClusterRef SHARED = ClusterRef.shared("local");
  static final ClusterRef DEDICATED =
      new ClusterRef(
          "envforge-payments-review", ClusterMode.DEDICATED, "envforge-system", "kubeconfig-x");
  static final DatabaseRef DATABASE =
      new DatabaseRef(
          "127.0.0.1", 15432, "env_payments_review", "env_payments_review", "envforge-database");

  /** What the canned requests with a database ask for: every capability. */
  static final List<Capability> CAPABILITIES =
      List.of(Capability.STATESTORE, Capability.SECRETSTORE);

  static final List<DaprComponent> COMPONENTS =
      List.of(
          new DaprComponent(Capability.STATESTORE, "statestore", "state.postgresql", "v1"),
          new DaprComponent(
              Capability.SECRETSTORE, "secretstore", "secretstores.kubernetes", "v1"));

  final ClusterActivities clusters = activityMock(ClusterActivities.class);
  final NamespaceActivities namespaces = activityMock(NamespaceActivities.class);
  final PostgresActivities postgres = activityMock(PostgresActivities.class);
  final CrossplaneActivities crossplane = activityMock(CrossplaneActivities.class);
  final ExpiryWarningActivities warnings = activityMock(ExpiryWarningActivities.class);
  final AccessActivities access = activityMock(AccessActivities.class);
  final ArgoCdActivities argoCd = activityMock(ArgoCdActivities.class);
  final WorkloadActivities workloads = activityMock(WorkloadActivities.class);
  final LifecycleNotificationActivities lifecycleNotices =
      activityMock(LifecycleNotificationActivities.class);
  final CapabilityActivities capabilities = activityMock(CapabilityActivities.class);
  final LifecycleEventActivities events = activityMock(LifecycleEventActivities.class);
  EnvironmentSettings configured = SETTINGS;
  final SettingsActivities settings = () -> configured;

  EnvironmentFixture() {
    Mockito.when(clusters.placeShared(Mockito.any())).thenReturn(SHARED);
    Mockito.when(crossplane.ensureDedicatedCluster(Mockito.any())).thenReturn(DEDICATED);
    Mockito.when(postgres.ensureDatabase(Mockito.any())).thenReturn(DATABASE);
    Mockito.when(crossplane.ensureCompositeDatabase(Mockito.any())).thenReturn(DATABASE);
    Mockito.when(capabilities.applyDaprComponents(Mockito.any())).thenReturn(COMPONENTS);
    Mockito.when(warnings.recordExpiryEvent(Mockito.any())).thenReturn("env-payments-review.x");
    Mockito.when(warnings.sendExpiryWebhook(Mockito.any())).thenReturn(WebhookDelivery.DELIVERED);
    Mockito.when(lifecycleNotices.sendLifecycleWebhook(Mockito.any()))
        .thenReturn(WebhookDelivery.DELIVERED);
    Mockito.when(events.sinkCount()).thenReturn(1);
    Mockito.when(events.publish(Mockito.any())).thenReturn(WebhookDelivery.DELIVERED);
  }

  /** A time-skipping test server with envforge's search attributes; each test starts it. */
  static TestWorkflowExtension temporalExtension() {
    return TestWorkflowExtension.newBuilder()
        .registerWorkflowImplementationTypes(EnvironmentWorkflowImpl.class)
        .registerSearchAttribute("EnvTeam", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("EnvName", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("EnvPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("EnvCluster", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("EnvExpiresAt", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME)
        .setDoNotStart(true)
        .build();
  }

  /**
   * Registers these mocked activities on the worker, starts the test server and returns a stub of
   * environment/payments/review.
   */
  EnvironmentWorkflow start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(activities());
    env.start();
    return client.newWorkflowStub(
        EnvironmentWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId("environment/payments/review")
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }

  /** Waits, in skipped time, until the workflow reports the phase (30 s of real time at most). */
  static void awaitPhase(TestWorkflowEnvironment env, EnvironmentWorkflow workflow, Phase phase) {
    awaitInWorkflowTime(env, "phase " + phase, workflow::status, status -> status.phase() == phase);
  }

  /**
   * Looks until {@code settled} accepts what {@code look} answers, for 30 s of real time at most,
   * and returns that answer. Between two looks the test server's clock moves on 200 ms: skipped
   * time only passes while the test sleeps in workflow time, so without it no timer would fire.
   */
  static <T> T awaitInWorkflowTime(
      TestWorkflowEnvironment env, String what, Callable<T> look, Predicate<? super T> settled) {
    return await(what)
        .atMost(REAL_PATIENCE)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .conditionEvaluationListener(
            evaluated -> {
              if (!evaluated.isSatisfied()) {
                env.sleep(WORKFLOW_TIME_STEP);
              }
            })
        .until(look, settled);
  }

  Object[] activities() {
    return new Object[] {
      clusters,
      namespaces,
      postgres,
      crossplane,
      warnings,
      access,
      capabilities,
      argoCd,
      workloads,
      lifecycleNotices,
      events,
      settings
    };
  }

  static EnvironmentRequest sharedWithPostgres(String ttl) {
    return new EnvironmentRequest(
        "payments",
        "review",
        ClusterChoice.shared("local"),
        Profile.SMALL,
        DatabaseChoice.postgres(DatabaseDriver.DIRECT),
        ttl,
        false,
        CAPABILITIES);
  }

  /** A database made through Crossplane: a step that waits, so a regular activity. */
  static EnvironmentRequest sharedWithCrossplaneDatabase(String ttl) {
    return new EnvironmentRequest(
        "payments",
        "review",
        ClusterChoice.shared("local"),
        Profile.SMALL,
        DatabaseChoice.postgres(DatabaseDriver.CROSSPLANE),
        ttl,
        false,
        CAPABILITIES);
  }

  static EnvironmentRequest dedicatedWithPostgres(String ttl) {
    return new EnvironmentRequest(
        "payments",
        "review",
        ClusterChoice.dedicated(),
        Profile.MEDIUM,
        DatabaseChoice.postgres(DatabaseDriver.DIRECT),
        ttl,
        false,
        CAPABILITIES);
  }

  /** Temporal inspects activity interfaces' annotations; mocks must not copy them. */
  private static <T> T activityMock(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
