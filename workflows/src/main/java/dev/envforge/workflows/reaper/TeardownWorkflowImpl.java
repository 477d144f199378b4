package dev.envforge.workflows.reaper;

import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.PostgresActivities;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Deletes what an abandoned environment owned, in the reverse order of its making, with idempotent
 * activities that only touch objects whose labels (Kubernetes) or comment (Postgres) name this
 * environment, and for which absent ones are done.
 *
 * <p>Which of its two ways it takes is its input's choice ({@link DeletionConfirmation}), not a
 * version marker: runs started before the choice existed arrive without one and replay the way they
 * ran.
 */
public class TeardownWorkflowImpl implements TeardownWorkflow {

  private static final Logger log = Workflow.getLogger(TeardownWorkflowImpl.class);

  private final ReaperActivities reaper =
      Workflow.newActivityStub(ReaperActivities.class, ReaperActivityOptions.CHECK);
  private final PostgresActivities postgres =
      Workflow.newActivityStub(PostgresActivities.class, ReaperActivityOptions.DROP_DATABASE);
  private final NamespaceActivities namespaces =
      Workflow.newActivityStub(NamespaceActivities.class, ReaperActivityOptions.DELETE_NAMESPACE);

  private final ReaperActivities localReaper =
      Workflow.newLocalActivityStub(ReaperActivities.class, ReaperActivityOptions.LOCAL_CHECK);
  private final PostgresActivities localPostgres =
      Workflow.newLocalActivityStub(
          PostgresActivities.class, ReaperActivityOptions.LOCAL_DROP_DATABASE);
  private final NamespaceDeletionActivities deletions =
      Workflow.newLocalActivityStub(
          NamespaceDeletionActivities.class, ReaperActivityOptions.LOCAL_REQUEST_DELETION);

  @Override
  public TeardownOutcome tearDown(AbandonedNamespace abandoned, DeletionConfirmation confirmation) {
    return switch (DeletionConfirmation.orDefault(confirmation)) {
      case TEARDOWN_WAITS -> tearDownAndWait(abandoned);
      case SWEEP_CONFIRMS -> requestTeardown(abandoned);
    };
  }

  /** Everything, until the namespace is gone: as teardowns did before sweeps confirmed. */
  private TeardownOutcome tearDownAndWait(AbandonedNamespace abandoned) {
    if (!reaper.stillAbandoned(abandoned)) {
      log.info("namespace {} is no longer abandoned; left alone", abandoned.namespace());
      return TeardownOutcome.SKIPPED;
    }
    // An environment without a direct database has none, and dropping nothing is done at once.
    postgres.dropDatabase(databaseOf(abandoned));
    // Deleting the namespace takes a Crossplane database composite and the guardrails with it.
    namespaces.deleteNamespace(namespaceOf(abandoned));
    log.info(
        "tore down {} environment {} (namespace {})",
        abandoned.verdict(),
        abandoned.environmentId(),
        abandoned.namespace());
    return TeardownOutcome.TORN_DOWN;
  }

  /**
   * The same steps, each a short call, ending once the namespace's deletion is requested: the
   * controller-manager's work on it is waited for by the sweep, for all its teardowns at once.
   */
  private TeardownOutcome requestTeardown(AbandonedNamespace abandoned) {
    if (!localReaper.stillAbandoned(abandoned)) {
      log.info("namespace {} is no longer abandoned; left alone", abandoned.namespace());
      return TeardownOutcome.SKIPPED;
    }
    localPostgres.dropDatabase(databaseOf(abandoned));
    deletions.requestNamespaceDeletion(namespaceOf(abandoned));
    log.info(
        "requested the deletion of {} environment {} (namespace {})",
        abandoned.verdict(),
        abandoned.environmentId(),
        abandoned.namespace());
    return TeardownOutcome.DELETION_REQUESTED;
  }

  private static DatabaseSpec databaseOf(AbandonedNamespace abandoned) {
    return DatabaseSpec.ofNamespace(
        abandoned.clusterRef(), abandoned.namespace(), abandoned.labels());
  }

  private static NamespaceSpec namespaceOf(AbandonedNamespace abandoned) {
    return new NamespaceSpec(
        abandoned.clusterRef(), abandoned.namespace(), null, abandoned.labels());
  }
}
