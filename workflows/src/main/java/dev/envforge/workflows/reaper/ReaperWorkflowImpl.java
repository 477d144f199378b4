package dev.envforge.workflows.reaper;

import dev.envforge.workflows.environment.EnvironmentWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** See {@link ReaperWorkflow}. Decides only; the activities read, the teardown workflows act. */
public class ReaperWorkflowImpl implements ReaperWorkflow {

  /** Namespaces per survey activity: keeps each result well below Temporal's payload limits. */
  static final int PAGE_SIZE = 250;

  /** Teardown workflows running at once per sweep. */
  static final int MAX_TEARDOWNS_IN_FLIGHT = 100;

  /** Marks sweeps whose teardowns only request deletions and whose end confirms them gone. */
  static final String SWEEP_CONFIRMS_DELETIONS = "sweep-confirms-deletions";

  private static final Logger log = Workflow.getLogger(ReaperWorkflowImpl.class);

  private final ReaperSettingsActivities settingsActivities =
      Workflow.newLocalActivityStub(ReaperSettingsActivities.class, ReaperActivityOptions.SETTINGS);
  private final ReaperActivities reaper =
      Workflow.newActivityStub(ReaperActivities.class, ReaperActivityOptions.SURVEY);

  @Override
  public SweepReport sweep(SweepRequest request) {
    ReaperSettings settings = settingsActivities.reaperSettings();
    boolean dryRun =
        (request == null ? SweepRequest.configured() : request).dryRunOr(settings.dryRun());
    Instant startedAt = now();
    SweepTally tally = new SweepTally(startedAt, dryRun, settings.clusters());

    List<AbandonedNamespace> abandoned = new ArrayList<>();
    for (String cluster : settings.clusters()) {
      survey(cluster, settings, startedAt, tally, abandoned);
    }
    List<DriftedEnvironment> drifted = findDrifted(settings, tally);

    if (dryRun) {
      abandoned.forEach(a -> tally.acted(SweepActions.of(a, ActionOutcome.REPORTED, null)));
      drifted.forEach(d -> tally.acted(SweepActions.of(d, ActionOutcome.REPORTED, null)));
    } else {
      act(abandoned, drifted, tally);
    }
    SweepReport report = tally.finish(now());
    SweepMetrics.record(Workflow.getMetricsScope(), report);
    log.info(
        "sweep done (dry run: {}): {}; actions {}", dryRun, report.counts(), report.outcomes());
    return report;
  }

  private void survey(
      String cluster,
      ReaperSettings settings,
      Instant now,
      SweepTally tally,
      List<AbandonedNamespace> abandoned) {
    String token = null;
    try {
      do {
        SurveyPage page =
            reaper.surveyNamespaces(
                new SurveyRequest(
                    cluster,
                    settings.namespacePrefix(),
                    now,
                    settings.orphanGrace(),
                    PAGE_SIZE,
                    token));
        page.unactioned().forEach(n -> tally.classified(n.verdict(), cluster, n.namespace()));
        for (AbandonedNamespace found : page.abandoned()) {
          tally.classified(found.verdict(), cluster, found.namespace());
          abandoned.add(found);
        }
        token = page.continueToken();
      } while (token != null);
    } catch (ActivityFailure e) {
      // One unreachable cluster must not stop the sweep of the others.
      tally.clusterFailed(cluster, SweepActions.rootMessage(e));
    }
  }

  private List<DriftedEnvironment> findDrifted(ReaperSettings settings, SweepTally tally) {
    try {
      List<DriftedEnvironment> drifted =
          reaper.findDrifted(
              new DriftRequest(
                  settings.namespacePrefix(), settings.taskQueue(), settings.clusters()));
      drifted.forEach(d -> tally.classified(EnvironmentClass.DRIFTED, d.cluster(), d.namespace()));
      return drifted;
    } catch (ActivityFailure e) {
      tally.clusterFailed("drift check", SweepActions.rootMessage(e));
      return List.of();
    }
  }

  /**
   * Sends the signals, runs the teardowns (at most {@link #MAX_TEARDOWNS_IN_FLIGHT} at a time),
   * waits for all of them to settle, then confirms that the namespaces they deleted are gone.
   */
  private void act(
      List<AbandonedNamespace> abandoned, List<DriftedEnvironment> drifted, SweepTally tally) {
    // Sweeps that were acting before teardowns left the wait for deletion to the sweep go on as
    // they began: their teardowns wait themselves and nothing is confirmed after.
    boolean sweepConfirms =
        Workflow.getVersion(SWEEP_CONFIRMS_DELETIONS, Workflow.DEFAULT_VERSION, 1) >= 1;
    DeletionConfirmation confirmation = sweepConfirms ? DeletionConfirmation.SWEEP_CONFIRMS : null;
    SweepDeletions deletions = sweepConfirms ? new SweepDeletions() : null;
    List<Promise<Void>> pending = new ArrayList<>();
    // Signals first: they are cheap, and a drifted environment need not wait for the teardowns.
    for (DriftedEnvironment environment : drifted) {
      String why =
          "namespace "
              + environment.namespace()
              + " on cluster "
              + environment.cluster()
              + " was deleted outside envforge";
      EnvironmentWorkflow live =
          Workflow.newExternalWorkflowStub(EnvironmentWorkflow.class, environment.workflowId());
      pending.add(
          Async.procedure(live::namespaceLost, why)
              .handle(
                  (ignored, failure) -> {
                    tally.acted(
                        failure == null
                            ? SweepActions.of(environment, ActionOutcome.SIGNALLED, null)
                            : SweepActions.of(
                                environment,
                                ActionOutcome.FAILED,
                                SweepActions.rootMessage(failure)));
                    return null;
                  }));
    }
    for (AbandonedNamespace namespace : abandoned) {
      // Temporal bounds a run's pending children (2,000 by default); a window also spares the API
      // server a burst of thousands of deletions at once.
      Workflow.await(() -> inFlight(pending) < MAX_TEARDOWNS_IN_FLIGHT);
      TeardownWorkflow teardown =
          Workflow.newChildWorkflowStub(
              TeardownWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(namespace.teardownWorkflowId())
                  // A teardown that began finishes even if this sweep is cancelled or ends.
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                  // A failed teardown may be tried again by a later sweep; a finished one never.
                  .setWorkflowIdReusePolicy(
                      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                  .build());
      pending.add(
          Async.function(teardown::tearDown, namespace, confirmation)
              .handle(
                  (outcome, failure) -> {
                    if (deletions != null
                        && failure == null
                        && outcome == TeardownOutcome.DELETION_REQUESTED) {
                      deletions.requested(namespace);
                    } else {
                      tally.acted(SweepActions.teardown(namespace, outcome, failure));
                    }
                    return null;
                  }));
    }
    Promise.allOf(pending).get();
    if (deletions != null) {
      deletions.confirm(tally);
    }
  }

  private static long inFlight(List<Promise<Void>> pending) {
    return pending.stream().filter(p -> !p.isCompleted()).count();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
