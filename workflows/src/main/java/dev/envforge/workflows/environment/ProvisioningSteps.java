package dev.envforge.workflows.environment;

import static dev.envforge.workflows.environment.EnvironmentActivityOptions.DEDICATED_CLUSTER_DEADLINE;
import static dev.envforge.workflows.environment.EnvironmentActivityOptions.PROVISION_DEADLINE;
import static dev.envforge.workflows.environment.EnvironmentActivityOptions.UNDO_DEADLINE;

import dev.envforge.workflows.activities.ArgoCdActivities;
import dev.envforge.workflows.activities.ArgoCdRegistrationSpec;
import dev.envforge.workflows.activities.CapabilityActivities;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.ComponentsSpec;
import dev.envforge.workflows.activities.CrossplaneActivities;
import dev.envforge.workflows.activities.DaprComponent;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.PostgresActivities;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * What each provisioning step does and how it is undone. Every step registers its undo before it
 * runs, so a step that half-happened is undone too, and runs through the {@link StepRunner}, which
 * retries it and records it in the ledger. Compensation after a failure and teardown both undo
 * through {@link #undoAll}. The steps call their activities through the {@link StepActivities}
 * chosen by {@link #chooseActivities} before the first step.
 */
final class ProvisioningSteps {

  /**
   * Change id: the short steps and undos run as local activities (version 1). Taken once per run,
   * before the first step, so that a run keeps one kind of stub from its first step to its last
   * undo.
   */
  static final String LOCAL_ACTIVITIES = "local-activities";

  private final Compensations compensations = new Compensations();
  private final StepRunner runner;
  private StepActivities activities;

  /**
   * @param onChange called whenever a step's state changed
   */
  ProvisioningSteps(StepLedger ledger, Runnable onChange) {
    this.runner = new StepRunner(ledger, onChange);
  }

  /** Chooses the stubs of this run's steps; called once, before the first step. */
  void chooseActivities() {
    activities =
        Workflow.getVersion(LOCAL_ACTIVITIES, Workflow.DEFAULT_VERSION, 1) >= 1
            ? StepActivities.local()
            : StepActivities.regular();
  }

  /** CLUSTER: a dedicated cluster is made through Crossplane; a shared one is only chosen. */
  ClusterRef placeCluster(
      EnvironmentRequest request, String environmentId, EnvironmentLabels labels) {
    CrossplaneActivities crossplane = activities.crossplane();
    if (request.cluster().mode() == ClusterMode.DEDICATED) {
      DedicatedClusterSpec spec =
          new DedicatedClusterSpec(
              EnvironmentNaming.dedicatedClusterName(environmentId), request.profile(), labels);
      compensations.register(
          Step.CLUSTER, UNDO_DEADLINE, () -> crossplane.deleteDedicatedCluster(spec));
      return runner.provision(
          Step.CLUSTER, DEDICATED_CLUSTER_DEADLINE, () -> crossplane.ensureDedicatedCluster(spec));
    }
    // A shared cluster is only chosen, not made: nothing to undo.
    compensations.register(Step.CLUSTER, UNDO_DEADLINE, () -> {});
    return runner.provision(
        Step.CLUSTER,
        PROVISION_DEADLINE,
        () -> activities.clusters().placeShared(request.cluster().name()));
  }

  /** NAMESPACE: its undo deletes it, and with it everything made inside. */
  void makeNamespace(NamespaceSpec namespace) {
    compensations.register(
        Step.NAMESPACE,
        UNDO_DEADLINE,
        () -> activities.namespaceDeletion().deleteNamespace(namespace));
    runner.provision(
        Step.NAMESPACE,
        PROVISION_DEADLINE,
        () -> activities.namespaces().ensureNamespace(namespace));
  }

  /** GUARDRAILS: registers its undo now and runs beside whatever the caller starts next. */
  Promise<Void> startGuardrails(NamespaceSpec namespace) {
    // Deleting the namespace takes its guardrails with it; nothing separate to undo.
    compensations.register(Step.GUARDRAILS, UNDO_DEADLINE, () -> {});
    return Async.procedure(
        () ->
            runner.provision(
                Step.GUARDRAILS,
                PROVISION_DEADLINE,
                () -> activities.namespaces().applyGuardrails(namespace)));
  }

  /** DATABASE, directly on a Postgres server or as a Crossplane composite. */
  DatabaseRef makeDatabase(DatabaseDriver driver, DatabaseSpec spec) {
    boolean viaCrossplane = driver == DatabaseDriver.CROSSPLANE;
    CrossplaneActivities crossplane = activities.crossplane();
    PostgresActivities postgres = activities.postgres();
    compensations.register(
        Step.DATABASE,
        UNDO_DEADLINE,
        viaCrossplane
            ? () -> crossplane.deleteCompositeDatabase(spec)
            : () -> postgres.dropDatabase(spec));
    return runner.provision(
        Step.DATABASE,
        PROVISION_DEADLINE,
        viaCrossplane
            ? () -> crossplane.ensureCompositeDatabase(spec)
            : () -> postgres.ensureDatabase(spec));
  }

  /** CAPABILITIES: the Dapr components; its undo deletes them before the namespace goes. */
  List<DaprComponent> wireCapabilities(ComponentsSpec spec) {
    CapabilityActivities capabilities = activities.capabilities();
    compensations.register(
        Step.CAPABILITIES, UNDO_DEADLINE, () -> capabilities.deleteDaprComponents(spec));
    return runner.provision(
        Step.CAPABILITIES, PROVISION_DEADLINE, () -> capabilities.applyDaprComponents(spec));
  }

  /**
   * ARGOCD: the environment as an Argo CD destination. Registered last, so that it is undone first:
   * Argo CD stops deploying into the environment before its namespace and cluster go.
   */
  void registerWithArgoCd(ArgoCdRegistrationSpec spec) {
    ArgoCdActivities argoCd = activities.argoCd();
    compensations.register(Step.ARGOCD, UNDO_DEADLINE, () -> argoCd.unregisterFromArgoCd(spec));
    runner.provision(Step.ARGOCD, PROVISION_DEADLINE, () -> argoCd.registerWithArgoCd(spec));
  }

  /**
   * Undoes every step that has begun, in reverse, continuing past failures.
   *
   * @return the undos that failed for good
   */
  List<ApplicationFailure> undoAll() {
    return compensations.undoAll(runner);
  }
}
