package dev.envforge.workflows.reaper;

import dev.envforge.workflows.activities.ClusterRef;
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

/**
 * See {@link ReaperWorkflow}. Decides only; the activities read, the teardown workflows and the
 * removal activities act.
 */
public class ReaperWorkflowImpl implements ReaperWorkflow {

  /** Namespaces per survey activity: keeps each result well below Temporal's payload limits. */
  static final int PAGE_SIZE = 250;

  /** Teardown workflows running at once per sweep. */
  static final int MAX_TEARDOWNS_IN_FLIGHT = 100;

  /** Marks sweeps whose teardowns only request deletions and whose end confirms them gone. */
  static final String SWEEP_CONFIRMS_DELETIONS = "sweep-confirms-deletions";

  /**
   * Marks sweeps that also look on dedicated clusters, in the management cluster and on the
   * Postgres servers, and report by kind.
   */
  static final String EVERY_LEFTOVER = "reaper-every-leftover";

  /** Leftovers per removal call: a call stays short and its result small. */
  static final int REMOVAL_BATCH = 50;

  private static final Logger log = Workflow.getLogger(ReaperWorkflowImpl.class);

  private final ReaperSettingsActivities settingsActivities =
      Workflow.newLocalActivityStub(ReaperSettingsActivities.class, ReaperActivityOptions.SETTINGS);
  private final ReaperActivities reaper =
      Workflow.newActivityStub(ReaperActivities.class, ReaperActivityOptions.SURVEY);
  private final LeftoverActivities leftovers =
      Workflow.newActivityStub(LeftoverActivities.class, ReaperActivityOptions.SURVEY);

  @Override
  public SweepReport sweep(SweepRequest request) {
    ReaperSettings settings = settingsActivities.reaperSettings();
    boolean dryRun =
        (request == null ? SweepRequest.configured() : request).dryRunOr(settings.dryRun());
    Instant startedAt = now();
    SweepTally tally = new SweepTally(startedAt, dryRun, settings.clusters());
    // Sweeps from before looked at registered clusters' namespaces only, and replay that way.
    boolean everyLeftover = Workflow.getVersion(EVERY_LEFTOVER, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (everyLeftover) {
      tally.lookForKinds(declaredKinds(settings));
    }

    List<AbandonedNamespace> abandoned = new ArrayList<>();
    for (String cluster : settings.clusters()) {
      survey(cluster, null, settings, startedAt, tally, abandoned);
    }
    if (everyLeftover) {
      for (ClusterRef dedicated : dedicatedClusters(settings, tally)) {
        survey(dedicated.name(), dedicated, settings, startedAt, tally, abandoned);
      }
    }
    List<DriftedEnvironment> drifted = findDrifted(settings, tally);
    List<FoundLeftover> found =
        everyLeftover ? surveyLeftovers(settings, startedAt, tally) : List.of();

    if (dryRun) {
      abandoned.forEach(a -> tally.acted(SweepActions.of(a, ActionOutcome.REPORTED, null)));
      drifted.forEach(d -> tally.acted(SweepActions.of(d, ActionOutcome.REPORTED, null)));
      found.forEach(f -> tally.acted(SweepActions.of(f, ActionOutcome.REPORTED, null)));
    } else {
      act(abandoned, drifted, tally);
      // After the namespaces: a dedicated cluster's namespaces are torn down through its
      // connection Secret, which goes with its composite.
      remove(found, settings, tally);
    }
    SweepReport report = tally.finish(now());
    SweepMetrics.record(Workflow.getMetricsScope(), report);
    log.info(
        "sweep done (dry run: {}): {}; actions {}", dryRun, report.counts(), report.outcomes());
    return report;
  }

  private void survey(
      String cluster,
      ClusterRef dedicated,
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
                    token,
                    dedicated,
                    settings.teams()));
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

  /** Every kind this sweep looks for besides namespaces, as the report lists them. */
  private static List<LeftoverDeclaration> declaredKinds(ReaperSettings settings) {
    List<LeftoverDeclaration> kinds = new ArrayList<>(settings.managementLeftoversOrNone());
    if (!settings.postgresServersOrNone().isEmpty()) {
      kinds.add(Leftovers.POSTGRES_DATABASE);
    }
    return kinds;
  }

  private List<ClusterRef> dedicatedClusters(ReaperSettings settings, SweepTally tally) {
    try {
      return leftovers.dedicatedClusters(settings.teamsOrAll());
    } catch (ActivityFailure e) {
      tally.clusterFailed("dedicated clusters", SweepActions.rootMessage(e));
      return List.of();
    }
  }

  /**
   * Databases on every configured Postgres server, then the management cluster's declared kinds:
   * the order in which they are removed.
   */
  private List<FoundLeftover> surveyLeftovers(
      ReaperSettings settings, Instant now, SweepTally tally) {
    List<LeftoverSurvey> surveys = new ArrayList<>();
    for (String server : settings.postgresServersOrNone()) {
      surveys.add(leftoverSurvey(Leftovers.POSTGRES_DATABASE, server, settings, now));
    }
    for (LeftoverDeclaration declaration : settings.managementLeftoversOrNone()) {
      surveys.add(leftoverSurvey(declaration, null, settings, now));
    }
    List<FoundLeftover> found = new ArrayList<>();
    for (LeftoverSurvey survey : surveys) {
      LeftoverDeclaration declaration = survey.declaration();
      try {
        LeftoverPage page = leftovers.survey(survey);
        page.unactioned().forEach(l -> tally.classifiedKind(declaration, l.verdict(), l.name()));
        for (FoundLeftover leftover : page.abandoned()) {
          tally.classifiedKind(declaration, leftover.verdict(), leftover.reportName());
          found.add(leftover);
        }
      } catch (ActivityFailure e) {
        // One kind that cannot be listed must not stop the others.
        String where =
            survey.postgresServer() == null
                ? declaration.kind()
                : declaration.kind() + " on " + survey.postgresServer();
        tally.clusterFailed(where, SweepActions.rootMessage(e));
      }
    }
    return found;
  }

  private static LeftoverSurvey leftoverSurvey(
      LeftoverDeclaration declaration, String server, ReaperSettings settings, Instant now) {
    return new LeftoverSurvey(
        declaration,
        server,
        settings.namespacePrefix(),
        settings.teamsOrAll(),
        settings.clusters(),
        now,
        settings.orphanGrace());
  }

  /** Removes the leftovers in batches; a batch that fails for good fails each of its lines. */
  private void remove(List<FoundLeftover> found, ReaperSettings settings, SweepTally tally) {
    for (int from = 0; from < found.size(); from += REMOVAL_BATCH) {
      List<FoundLeftover> batch =
          List.copyOf(found.subList(from, Math.min(found.size(), from + REMOVAL_BATCH)));
      try {
        for (LeftoverRemoval removal :
            leftovers.remove(
                new RemovalRequest(
                    settings.namespacePrefix(),
                    settings.clusters(),
                    batch,
                    settings.managementLeftoversOrNone()))) {
          tally.acted(SweepActions.of(removal.leftover(), removal.outcome(), removal.detail()));
        }
      } catch (ActivityFailure e) {
        String why = SweepActions.rootMessage(e);
        batch.forEach(f -> tally.acted(SweepActions.of(f, ActionOutcome.FAILED, why)));
      }
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
