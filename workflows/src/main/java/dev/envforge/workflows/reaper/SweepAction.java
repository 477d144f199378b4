package dev.envforge.workflows.reaper;

/**
 * One action of a sweep.
 *
 * @param cluster the cluster, or for a database the Postgres server
 * @param namespace the namespace; for another kind its name ({@link FoundLeftover#reportName()}
 *     without the location)
 * @param workflowId the teardown workflow's id, or the signalled environment workflow's; for
 *     another kind the environment workflow id its labels name
 * @param detail why it failed or was skipped; null otherwise
 * @param kind what was acted on ({@link LeftoverDeclaration#kind()})
 */
public record SweepAction(
    String cluster,
    String namespace,
    EnvironmentClass verdict,
    String workflowId,
    ActionOutcome outcome,
    String detail,
    String kind) {

  /** An action on a namespace. */
  public SweepAction(
      String cluster,
      String namespace,
      EnvironmentClass verdict,
      String workflowId,
      ActionOutcome outcome,
      String detail) {
    this(cluster, namespace, verdict, workflowId, outcome, detail, Leftovers.NAMESPACE.kind());
  }
}
