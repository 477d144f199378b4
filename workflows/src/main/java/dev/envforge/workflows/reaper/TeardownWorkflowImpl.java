package dev.envforge.workflows.reaper;

import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.PostgresActivities;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Deletes what an abandoned environment owned, in the reverse order of its making, with the same
 * idempotent activities the environment workflow undoes its steps with: they only touch objects
 * whose labels (Kubernetes) or comment (Postgres) name this environment, and absent ones are done.
 */
public class TeardownWorkflowImpl implements TeardownWorkflow {

  private static final Logger log = Workflow.getLogger(TeardownWorkflowImpl.class);

  private final ReaperActivities reaper =
      Workflow.newActivityStub(ReaperActivities.class, ReaperActivityOptions.CHECK);
  private final PostgresActivities postgres =
      Workflow.newActivityStub(PostgresActivities.class, ReaperActivityOptions.DROP_DATABASE);
  private final NamespaceActivities namespaces =
      Workflow.newActivityStub(NamespaceActivities.class, ReaperActivityOptions.DELETE_NAMESPACE);

  @Override
  public TeardownOutcome tearDown(AbandonedNamespace abandoned) {
    if (!reaper.stillAbandoned(abandoned)) {
      log.info("namespace {} is no longer abandoned; left alone", abandoned.namespace());
      return TeardownOutcome.SKIPPED;
    }
    // An environment without a direct database has none, and dropping nothing is done at once.
    postgres.dropDatabase(
        DatabaseSpec.ofNamespace(
            abandoned.clusterRef(), abandoned.namespace(), abandoned.labels()));
    // Deleting the namespace takes a Crossplane database composite and the guardrails with it.
    namespaces.deleteNamespace(
        new NamespaceSpec(abandoned.clusterRef(), abandoned.namespace(), null, abandoned.labels()));
    log.info(
        "tore down {} environment {} (namespace {})",
        abandoned.verdict(),
        abandoned.environmentId(),
        abandoned.namespace());
    return TeardownOutcome.TORN_DOWN;
  }
}
