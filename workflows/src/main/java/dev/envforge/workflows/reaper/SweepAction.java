package dev.envforge.workflows.reaper;

/**
 * One action of a sweep.
 *
 * @param workflowId the teardown workflow's id, or the signalled environment workflow's
 * @param detail why it failed or was skipped; null otherwise
 */
public record SweepAction(
    String cluster,
    String namespace,
    EnvironmentClass verdict,
    String workflowId,
    ActionOutcome outcome,
    String detail) {}
