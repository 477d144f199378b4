package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.ArgoCdActivities;
import dev.envforge.workflows.activities.CapabilityActivities;
import dev.envforge.workflows.activities.ClusterActivities;
import dev.envforge.workflows.activities.CrossplaneActivities;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.PostgresActivities;
import io.temporal.workflow.Workflow;

/**
 * The activity stubs the provisioning steps and their undos call, chosen once per run.
 *
 * <p>Short calls (tens of milliseconds: placing on a shared cluster, applying the namespace and its
 * guardrails, making or dropping a direct database with its Secret) run as local activities: they
 * run inside the workflow task that asked for them, so a whole provisioning costs Temporal one or
 * two workflow tasks instead of one per step. Calls that wait (Crossplane composites, the deletion
 * of a namespace) stay regular activities that heartbeat while they wait.
 *
 * <p>Runs that began before this choice existed keep regular activities for every call.
 *
 * @param namespaces applies the namespace and its guardrails
 * @param namespaceDeletion deletes the namespace and waits until it is gone
 * @param capabilities applies and deletes Dapr components (short calls)
 * @param argoCd registers the environment with Argo CD and removes it again
 */
record StepActivities(
    ClusterActivities clusters,
    NamespaceActivities namespaces,
    NamespaceActivities namespaceDeletion,
    PostgresActivities postgres,
    CrossplaneActivities crossplane,
    CapabilityActivities capabilities,
    ArgoCdActivities argoCd) {

  /** Every call a regular activity, as runs from before local activities have it. */
  static StepActivities regular() {
    NamespaceActivities namespaces =
        Workflow.newActivityStub(NamespaceActivities.class, EnvironmentActivityOptions.WAITING);
    return new StepActivities(
        Workflow.newActivityStub(ClusterActivities.class, EnvironmentActivityOptions.QUICK),
        namespaces,
        namespaces,
        Workflow.newActivityStub(PostgresActivities.class, EnvironmentActivityOptions.DATABASE),
        crossplaneStub(),
        Workflow.newActivityStub(CapabilityActivities.class, EnvironmentActivityOptions.QUICK),
        Workflow.newActivityStub(ArgoCdActivities.class, EnvironmentActivityOptions.QUICK));
  }

  /** Short calls as local activities; the waits as regular, heartbeating ones. */
  static StepActivities local() {
    return new StepActivities(
        Workflow.newLocalActivityStub(
            ClusterActivities.class, EnvironmentActivityOptions.LOCAL_QUICK),
        Workflow.newLocalActivityStub(
            NamespaceActivities.class, EnvironmentActivityOptions.LOCAL_QUICK),
        Workflow.newActivityStub(NamespaceActivities.class, EnvironmentActivityOptions.WAITING),
        Workflow.newLocalActivityStub(
            PostgresActivities.class, EnvironmentActivityOptions.LOCAL_DATABASE),
        crossplaneStub(),
        Workflow.newLocalActivityStub(
            CapabilityActivities.class, EnvironmentActivityOptions.LOCAL_QUICK),
        Workflow.newLocalActivityStub(
            ArgoCdActivities.class, EnvironmentActivityOptions.LOCAL_QUICK));
  }

  private static CrossplaneActivities crossplaneStub() {
    return Workflow.newActivityStub(CrossplaneActivities.class, EnvironmentActivityOptions.WAITING);
  }
}
