package dev.envforge.workflows.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.PostgresActivities;
import dev.envforge.workflows.request.ClusterMode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;
import org.mockito.Mockito;

/**
 * The sweep beyond registered clusters' namespaces, over mocked activities: namespaces on dedicated
 * clusters, declared kinds in the management cluster, databases on every Postgres server, and the
 * report by kind.
 */
class ReaperLeftoversTest {

  /** Argo CD registration off: its namespace is not searched (see LeftoversTest). */
  private static final String NO_ARGOCD = null;

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(ReaperWorkflowImpl.class, TeardownWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static final ClusterRef DEDICATED =
      new ClusterRef(
          "envforge-pay-big",
          ClusterMode.DEDICATED,
          "envforge-system",
          "envforge-pay-big-kubeconfig");

  private final ReaperActivities reaper = activityMock(ReaperActivities.class);
  private final PostgresActivities postgres = activityMock(PostgresActivities.class);
  private final NamespaceActivities namespaces = activityMock(NamespaceActivities.class);
  private final NamespaceDeletionActivities deletions =
      activityMock(NamespaceDeletionActivities.class);
  private final LeftoverActivities leftovers = activityMock(LeftoverActivities.class);

  private final AbandonedNamespace onDedicated =
      new AbandonedNamespace(
          DEDICATED.name(),
          "env-pay-big",
          "uid-ns",
          "pay-big",
          "pay",
          "environment/pay/big",
          null,
          EnvironmentClass.ORPHAN,
          DEDICATED);
  private final FoundLeftover database =
      new FoundLeftover(
          "postgres",
          "direct",
          null,
          "env_pay_gone",
          null,
          "pay-gone",
          null,
          null,
          null,
          EnvironmentClass.ORPHAN);
  private final FoundLeftover composite =
      new FoundLeftover(
          "xenvcluster",
          "management",
          null,
          "envforge-pay-big",
          "uid-xr",
          "pay-big",
          "pay",
          "environment/pay/big",
          null,
          EnvironmentClass.ORPHAN);

  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    ReaperSettingsActivities settings =
        () ->
            new ReaperSettings(
                "env-",
                "envforge-environments",
                true,
                Duration.ofHours(1),
                List.of("local"),
                List.of(),
                List.of("direct"),
                Leftovers.inManagementCluster(NO_ARGOCD));
    worker.registerActivitiesImplementations(
        reaper, postgres, namespaces, deletions, leftovers, settings);
    env.start();
    when(reaper.stillAbandoned(any())).thenReturn(true);
    when(reaper.findDrifted(any())).thenReturn(List.of());
    when(deletions.awaitNamespacesGone(any())).thenReturn(List.of());
    when(leftovers.dedicatedClusters(any())).thenReturn(List.of(DEDICATED));
    when(reaper.surveyNamespaces(argThat(r -> r != null && r.dedicated() == null)))
        .thenReturn(
            new SurveyPage(
                List.of(new SurveyPage.ClassifiedNamespace("env-pay-live", EnvironmentClass.LIVE)),
                List.of(),
                null));
    when(reaper.surveyNamespaces(argThat(r -> r != null && DEDICATED.equals(r.dedicated()))))
        .thenReturn(new SurveyPage(List.of(), List.of(onDedicated), null));
    when(leftovers.survey(argThat(s -> s != null && "direct".equals(s.postgresServer()))))
        .thenReturn(new LeftoverPage(List.of(), List.of(database)));
    when(leftovers.survey(argThat(s -> s != null && s.declaration().kind().equals("xenvcluster"))))
        .thenReturn(
            new LeftoverPage(
                List.of(
                    new LeftoverPage.ClassifiedLeftover(
                        "management/envforge-pay-live", EnvironmentClass.LIVE)),
                List.of(composite)));
  }

  @Test
  void givenLeftoversOfEveryKind_whenADryRunSweeps_itShouldReportEachKindAndChangeNothing() {
    SweepReport report = sweep(true);

    assertThat(report.kinds()).containsOnlyKeys("namespace", "xenvcluster", "postgres");
    assertThat(report.kind("namespace").names())
        .containsEntry(EnvironmentClass.LIVE, List.of("local/env-pay-live"))
        .containsEntry(EnvironmentClass.ORPHAN, List.of("envforge-pay-big/env-pay-big"));
    assertThat(report.kind("xenvcluster").names())
        .containsEntry(EnvironmentClass.ORPHAN, List.of("management/envforge-pay-big"))
        .containsEntry(EnvironmentClass.LIVE, List.of("management/envforge-pay-live"));
    assertThat(report.kind("postgres").count(EnvironmentClass.ORPHAN)).isEqualTo(1);
    assertThat(report.kind("postgres").placement()).isEqualTo(LeftoverPlacement.POSTGRES);
    assertThat(report.outcomes()).containsOnly(Map.entry(ActionOutcome.REPORTED, 3));
    assertThat(report.actions())
        .extracting(SweepAction::kind)
        .containsExactlyInAnyOrder("namespace", "postgres", "xenvcluster");
    // The namespace counts of before still count dedicated clusters' namespaces.
    assertThat(report.count(EnvironmentClass.ORPHAN)).isEqualTo(1);
    verify(leftovers, never()).remove(any());
    verify(deletions, never()).requestNamespaceDeletion(any());
    verify(postgres, never()).dropDatabase(any());
  }

  @Test
  void givenLeftoversOfEveryKind_whenSweptForReal_itShouldTearDownTheNamespaceThenRemoveTheRest() {
    when(leftovers.remove(any()))
        .thenAnswer(
            call ->
                ((RemovalRequest) call.getArgument(0))
                    .leftovers().stream()
                        .map(l -> new LeftoverRemoval(l, ActionOutcome.TORN_DOWN, null))
                        .toList());

    SweepReport report = sweep(false);

    assertThat(report.outcomes()).containsOnly(Map.entry(ActionOutcome.TORN_DOWN, 3));
    assertThat(report.clusterFailures()).isEmpty();
    InOrder order = Mockito.inOrder(deletions, postgres, leftovers);
    // The dedicated cluster's namespace is reached through its connection Secret.
    order.verify(postgres).dropDatabase(argThat(spec -> DEDICATED.equals(spec.cluster())));
    order.verify(deletions).requestNamespaceDeletion(argThat(s -> DEDICATED.equals(s.cluster())));
    order.verify(deletions).awaitNamespacesGone(argThat(w -> DEDICATED.equals(w.clusterRef())));
    // Then the database and the composite, databases first, with what their last check needs.
    order
        .verify(leftovers)
        .remove(
            new RemovalRequest(
                "env-",
                List.of("local"),
                List.of(database, composite),
                Leftovers.inManagementCluster(NO_ARGOCD)));
  }

  @Test
  void givenAKindThatCannotBeListed_whenSwept_itShouldSaySoAndStillRemoveTheOthers() {
    when(leftovers.survey(argThat(s -> s != null && s.declaration().kind().equals("xenvcluster"))))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("forbidden", "FORBIDDEN"));
    when(leftovers.remove(any()))
        .thenReturn(
            List.of(new LeftoverRemoval(database, ActionOutcome.SKIPPED, "namespace back")));

    SweepReport report = sweep(false);

    assertThat(report.clusterFailures()).containsExactly("xenvcluster: forbidden");
    assertThat(report.outcomes())
        .containsOnly(Map.entry(ActionOutcome.TORN_DOWN, 1), Map.entry(ActionOutcome.SKIPPED, 1));
    assertThat(report.actions())
        .filteredOn(a -> a.kind().equals("postgres"))
        .singleElement()
        .satisfies(a -> assertThat(a.detail()).isEqualTo("namespace back"));
  }

  private SweepReport sweep(boolean dryRun) {
    ReaperWorkflow workflow =
        client.newWorkflowStub(
            ReaperWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(taskQueue).build());
    return workflow.sweep(new SweepRequest(dryRun));
  }

  private static <T> T activityMock(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
