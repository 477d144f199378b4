package dev.envforge.workflows.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.PostgresActivities;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;
import org.mockito.Mockito;

/** The sweep's decisions over mocked activities: what it reports, tears down and signals. */
class ReaperWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(
              ReaperWorkflowImpl.class, TeardownWorkflowImpl.class, LostNamespaceWatcher.class)
          .setDoNotStart(true)
          .build();

  private static final Instant PAST = Instant.parse("2020-01-01T00:00:00Z");

  private final ReaperActivities reaper = activityMock(ReaperActivities.class);
  private final PostgresActivities postgres = activityMock(PostgresActivities.class);
  private final NamespaceActivities namespaces = activityMock(NamespaceActivities.class);
  private final NamespaceDeletionActivities deletions =
      activityMock(NamespaceDeletionActivities.class);
  private final LeftoverActivities leftovers = activityMock(LeftoverActivities.class);
  private boolean configuredDryRun = true;
  private List<String> clusters = List.of("local");

  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    ReaperSettingsActivities settings =
        () ->
            new ReaperSettings(
                "env-", "envforge-environments", configuredDryRun, Duration.ofHours(1), clusters);
    worker.registerActivitiesImplementations(
        reaper, postgres, namespaces, deletions, leftovers, settings);
    env.start();
    when(leftovers.dedicatedClusters(any())).thenReturn(List.of());
    when(leftovers.survey(any())).thenReturn(new LeftoverPage(List.of(), List.of()));
    when(reaper.stillAbandoned(any())).thenReturn(true);
    when(reaper.findDrifted(any())).thenReturn(List.of());
    when(deletions.awaitNamespacesGone(any())).thenReturn(List.of());
  }

  @Test
  void givenTheConfiguredDryRun_whenSwept_itShouldReportEveryClassAndChangeNothing() {
    AbandonedNamespace expired = abandoned("env-a-old", EnvironmentClass.EXPIRED);
    AbandonedNamespace orphan = abandoned("env-b-lost", EnvironmentClass.ORPHAN);
    when(reaper.surveyNamespaces(any()))
        .thenReturn(
            new SurveyPage(
                List.of(
                    classified("env-c-live", EnvironmentClass.LIVE),
                    classified("env-d-kept", EnvironmentClass.KEPT),
                    classified("env-e-new", EnvironmentClass.RECENT)),
                List.of(expired, orphan),
                null));
    when(reaper.findDrifted(any()))
        .thenReturn(List.of(new DriftedEnvironment("local", "env-f-gone", "environment/f/gone")));

    SweepReport report = sweep(SweepRequest.configured());

    assertThat(report.dryRun()).isTrue();
    assertThat(report.counts())
        .containsEntry(EnvironmentClass.LIVE, 1)
        .containsEntry(EnvironmentClass.EXPIRED, 1)
        .containsEntry(EnvironmentClass.ORPHAN, 1)
        .containsEntry(EnvironmentClass.KEPT, 1)
        .containsEntry(EnvironmentClass.DRIFTED, 1)
        .containsEntry(EnvironmentClass.RECENT, 1)
        .containsEntry(EnvironmentClass.TERMINATING, 0);
    assertThat(report.namespaces().get(EnvironmentClass.EXPIRED))
        .containsExactly("local/env-a-old");
    assertThat(report.outcomes()).containsOnly(Map.entry(ActionOutcome.REPORTED, 3));
    verify(reaper, never()).stillAbandoned(any());
    verify(postgres, never()).dropDatabase(any());
    verify(deletions, never()).requestNamespaceDeletion(any());
    verify(deletions, never()).awaitNamespacesGone(any());
    verify(namespaces, never()).deleteNamespace(any());
  }

  @Test
  void givenAbandonedNamespaces_whenSweptForReal_itShouldDropTheDatabaseThenTheNamespace() {
    AbandonedNamespace expired = abandoned("env-a-old", EnvironmentClass.EXPIRED);
    AbandonedNamespace orphan = abandoned("env-b-lost", EnvironmentClass.ORPHAN);
    when(reaper.surveyNamespaces(any()))
        .thenReturn(
            new SurveyPage(
                List.of(classified("env-c-live", EnvironmentClass.LIVE)),
                List.of(expired, orphan),
                null));

    SweepReport report = sweep(new SweepRequest(false));

    assertThat(report.dryRun()).isFalse();
    assertThat(report.outcomes()).containsOnly(Map.entry(ActionOutcome.TORN_DOWN, 2));
    assertThat(report.actions())
        .extracting(SweepAction::workflowId)
        .containsExactlyInAnyOrder(expired.teardownWorkflowId(), orphan.teardownWorkflowId());
    String postgresName = EnvironmentNaming.postgresName("env-a-old");
    InOrder order = Mockito.inOrder(reaper, postgres, deletions);
    order.verify(reaper).stillAbandoned(expired);
    order
        .verify(postgres)
        .dropDatabase(
            new DatabaseSpec(
                ClusterRef.shared("local"),
                "env-a-old",
                postgresName,
                postgresName,
                EnvironmentNaming.CONNECTION_SECRET_NAME,
                expired.labels()));
    order
        .verify(deletions)
        .requestNamespaceDeletion(
            new NamespaceSpec(ClusterRef.shared("local"), "env-a-old", null, expired.labels()));
    // Torn down means seen gone: one wait for the sweep's namespaces of the cluster confirms it.
    order
        .verify(deletions)
        .awaitNamespacesGone(
            argThat(
                watch ->
                    watch.cluster().equals("local")
                        && watch
                            .namespaces()
                            .containsAll(
                                List.of(
                                    new RequestedDeletion("env-a-old", "uid-env-a-old"),
                                    new RequestedDeletion("env-b-lost", "uid-env-b-lost")))
                        && watch.namespaces().size() == 2));
    verify(deletions, never())
        .requestNamespaceDeletion(argThat(spec -> spec.namespace().equals("env-c-live")));
    verify(namespaces, never()).deleteNamespace(any());
  }

  @Test
  void givenANamespaceTornDownByAnEarlierSweep_whenFoundAgain_itShouldNotActTwice() {
    AbandonedNamespace expired = abandoned("env-a-old", EnvironmentClass.EXPIRED);
    when(reaper.surveyNamespaces(any()))
        .thenReturn(new SurveyPage(List.of(), List.of(expired), null));

    SweepReport first = sweep(new SweepRequest(false));
    SweepReport second = sweep(new SweepRequest(false));

    assertThat(first.outcomes()).containsOnly(Map.entry(ActionOutcome.TORN_DOWN, 1));
    assertThat(second.outcomes()).containsOnly(Map.entry(ActionOutcome.ALREADY_HANDLED, 1));
    verify(deletions, times(1)).requestNamespaceDeletion(any());
    verify(deletions, times(1)).awaitNamespacesGone(any());
    verify(postgres, times(1)).dropDatabase(any());
  }

  @Test
  void givenANamespaceNoLongerAbandonedAtTeardown_whenSwept_itShouldSkipIt() {
    AbandonedNamespace orphan = abandoned("env-b-lost", EnvironmentClass.ORPHAN);
    when(reaper.surveyNamespaces(any()))
        .thenReturn(new SurveyPage(List.of(), List.of(orphan), null));
    when(reaper.stillAbandoned(orphan)).thenReturn(false);

    SweepReport report = sweep(new SweepRequest(false));

    assertThat(report.outcomes()).containsOnly(Map.entry(ActionOutcome.SKIPPED, 1));
    verify(postgres, never()).dropDatabase(any());
    verify(deletions, never()).requestNamespaceDeletion(any());
    verify(deletions, never()).awaitNamespacesGone(any());
  }

  @Test
  void givenATeardownThatFailsForGood_whenSwept_itShouldReportTheFailureAndGoOn() {
    AbandonedNamespace stuck = abandoned("env-a-stuck", EnvironmentClass.EXPIRED);
    AbandonedNamespace fine = abandoned("env-b-fine", EnvironmentClass.ORPHAN);
    when(reaper.surveyNamespaces(any()))
        .thenReturn(new SurveyPage(List.of(), List.of(stuck, fine), null));
    // The deletion was requested, but the namespace never went away.
    when(deletions.awaitNamespacesGone(any()))
        .thenReturn(
            List.of(
                new StuckNamespace(
                    "env-a-stuck",
                    "namespace env-a-stuck is still terminating after PT5M without progress")));

    SweepReport report = sweep(new SweepRequest(false));

    assertThat(report.outcomes())
        .containsOnly(Map.entry(ActionOutcome.FAILED, 1), Map.entry(ActionOutcome.TORN_DOWN, 1));
    assertThat(report.actions().get(0).outcome()).isEqualTo(ActionOutcome.FAILED);
    assertThat(report.actions().get(0).namespace()).isEqualTo("env-a-stuck");
    assertThat(report.actions().get(0).detail()).contains("still terminating");
    assertThat(report.actions().get(1).namespace()).isEqualTo("env-b-fine");
    assertThat(report.actions().get(1).outcome()).isEqualTo(ActionOutcome.TORN_DOWN);
    verify(deletions, times(2)).requestNamespaceDeletion(any());
  }

  @Test
  void givenMoreTeardownsThanTheWindow_whenDeletionsAreSlow_itShouldRequestThemAllBeforeWaiting() {
    int count = ReaperWorkflowImpl.MAX_TEARDOWNS_IN_FLIGHT + 20;
    List<AbandonedNamespace> many =
        IntStream.range(0, count)
            .mapToObj(i -> abandoned("env-t-" + i, EnvironmentClass.EXPIRED))
            .toList();
    when(reaper.surveyNamespaces(any())).thenReturn(new SurveyPage(List.of(), many, null));
    AtomicInteger requested = new AtomicInteger();
    Mockito.doAnswer(invocation -> requested.incrementAndGet())
        .when(deletions)
        .requestNamespaceDeletion(any());
    List<Integer> requestedWhenTheWaitBegan = new CopyOnWriteArrayList<>();
    when(deletions.awaitNamespacesGone(any()))
        .thenAnswer(
            invocation -> {
              requestedWhenTheWaitBegan.add(requested.get());
              return List.of();
            });

    SweepReport report = sweep(new SweepRequest(false));

    // Had each teardown waited for its namespace, the window would have been full of waits.
    assertThat(requestedWhenTheWaitBegan).containsExactly(count);
    assertThat(report.outcomes()).containsOnly(Map.entry(ActionOutcome.TORN_DOWN, count));
    verify(namespaces, never()).deleteNamespace(any());
  }

  @Test
  void givenAWaitThatCannotConfirmTheDeletions_whenSwept_itShouldReportThemFailedNotTornDown() {
    AbandonedNamespace expired = abandoned("env-a-old", EnvironmentClass.EXPIRED);
    when(reaper.surveyNamespaces(any()))
        .thenReturn(new SurveyPage(List.of(), List.of(expired), null));
    when(deletions.awaitNamespacesGone(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("connection refused", "IO"));

    SweepReport report = sweep(new SweepRequest(false));

    assertThat(report.outcomes()).containsOnly(Map.entry(ActionOutcome.FAILED, 1));
    assertThat(report.actions().get(0).detail())
        .contains("could not be confirmed")
        .contains("connection refused");
  }

  @Test
  void givenATeardownStartedWithoutSayingWhoWaits_whenRun_itShouldWaitForTheNamespaceItself() {
    AbandonedNamespace expired = abandoned("env-a-old", EnvironmentClass.EXPIRED);
    TeardownWorkflow teardown =
        client.newWorkflowStub(
            TeardownWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(expired.teardownWorkflowId())
                .setTaskQueue(taskQueue)
                .build());

    TeardownOutcome outcome = teardown.tearDown(expired, null);

    assertThat(outcome).isEqualTo(TeardownOutcome.TORN_DOWN);
    verify(namespaces)
        .deleteNamespace(
            new NamespaceSpec(ClusterRef.shared("local"), "env-a-old", null, expired.labels()));
    verify(deletions, never()).requestNamespaceDeletion(any());
  }

  @Test
  void givenADriftedEnvironment_whenSweptForReal_itShouldSignalItsWorkflow() {
    String workflowId = "environment/f/gone";
    EnvironmentWorkflow watcher =
        client.newWorkflowStub(
            EnvironmentWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(taskQueue).build());
    WorkflowClient.start(watcher::run, (EnvironmentRequest) null);
    when(reaper.surveyNamespaces(any())).thenReturn(new SurveyPage(List.of(), List.of(), null));
    when(reaper.findDrifted(any()))
        .thenReturn(List.of(new DriftedEnvironment("local", "env-f-gone", workflowId)));

    SweepReport report = sweep(new SweepRequest(false));

    assertThat(report.outcomes()).containsOnly(Map.entry(ActionOutcome.SIGNALLED, 1));
    EnvironmentStatus ended = WorkflowStub.fromTyped(watcher).getResult(EnvironmentStatus.class);
    assertThat(ended.reason()).contains("env-f-gone").contains("deleted outside envforge");
    verify(deletions, never()).requestNamespaceDeletion(any());
  }

  @Test
  void givenManyPagesAndAnUnreachableCluster_whenSwept_itShouldSweepTheRestAndSayWhichFailed() {
    clusters = List.of("down", "local");
    when(reaper.surveyNamespaces(argThat(r -> r != null && r.cluster().equals("down"))))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("connection refused", "IO"));
    when(reaper.surveyNamespaces(
            argThat(r -> r != null && r.cluster().equals("local") && r.continueToken() == null)))
        .thenReturn(
            new SurveyPage(List.of(classified("env-a", EnvironmentClass.LIVE)), List.of(), "p2"));
    when(reaper.surveyNamespaces(
            argThat(
                r -> r != null && r.cluster().equals("local") && "p2".equals(r.continueToken()))))
        .thenReturn(
            new SurveyPage(List.of(classified("env-b", EnvironmentClass.KEPT)), List.of(), null));

    SweepReport report = sweep(new SweepRequest(true));

    assertThat(report.namespaces().get(EnvironmentClass.LIVE)).containsExactly("local/env-a");
    assertThat(report.namespaces().get(EnvironmentClass.KEPT)).containsExactly("local/env-b");
    assertThat(report.clusterFailures()).singleElement().asString().startsWith("down: ");
  }

  private SweepReport sweep(SweepRequest request) {
    ReaperWorkflow workflow =
        client.newWorkflowStub(
            ReaperWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(taskQueue).build());
    return workflow.sweep(request);
  }

  private static AbandonedNamespace abandoned(String namespace, EnvironmentClass verdict) {
    return new AbandonedNamespace(
        "local",
        namespace,
        "uid-" + namespace,
        namespace.substring(4),
        "team",
        "environment/team/" + namespace,
        verdict == EnvironmentClass.EXPIRED ? PAST : null,
        verdict);
  }

  private static SurveyPage.ClassifiedNamespace classified(
      String namespace, EnvironmentClass verdict) {
    return new SurveyPage.ClassifiedNamespace(namespace, verdict);
  }

  private static <T> T activityMock(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }

  /**
   * Stands in for an environment workflow: waits for the reaper's signal and ends with its reason,
   * as the real one does once teardown is done.
   */
  public static class LostNamespaceWatcher implements EnvironmentWorkflow {
    private String lost;

    @Override
    public EnvironmentStatus run(EnvironmentRequest request) {
      Workflow.await(() -> lost != null);
      return new EnvironmentStatus(
          null, null, null, List.of(), null, null, null, null, false, lost, null);
    }

    @Override
    public EnvironmentStatus status() {
      return null;
    }

    @Override
    public EnvironmentStatus extend(ExtendRequest request) {
      return null;
    }

    @Override
    public void validateExtend(ExtendRequest request) {}

    @Override
    public EnvironmentStatus destroy(String reason) {
      return null;
    }

    @Override
    public void namespaceLost(String reason) {
      lost = reason;
    }
  }
}
