package dev.envforge.workflows.lifecycle;

/**
 * An approver's answer to a request that waits for approval. The API has already checked that
 * {@code by} may approve for the team; the workflow checks the rest (the phase, self-approval).
 *
 * @param by who decided, as the API names the caller
 * @param reason why; required for a rejection, optional for an approval
 */
public record ApprovalDecision(String by, String reason) {}
