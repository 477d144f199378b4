package dev.envforge.workflows.lifecycle;

import java.time.Instant;

/**
 * The approval of one environment, as its status shows it.
 *
 * @param requestedBy who asked for the environment; null when the run was started without a caller
 *     (then anyone allowed to approve for the team may approve)
 * @param requestedAt when the wait began
 * @param deadline when the wait times out
 * @param decidedBy who approved or rejected; null while pending, on a timeout or a withdrawal
 * @param reason the approver's reason, or why the request ended otherwise
 */
public record ApprovalState(
    ApprovalOutcome outcome,
    String requestedBy,
    Instant requestedAt,
    Instant deadline,
    String decidedBy,
    Instant decidedAt,
    String reason) {

  public static ApprovalState pending(String requestedBy, Instant requestedAt, Instant deadline) {
    return new ApprovalState(
        ApprovalOutcome.PENDING, requestedBy, requestedAt, deadline, null, null, null);
  }

  public ApprovalState decided(
      ApprovalOutcome outcome, String decidedBy, Instant decidedAt, String reason) {
    return new ApprovalState(
        outcome, requestedBy, requestedAt, deadline, decidedBy, decidedAt, reason);
  }

  public boolean pending() {
    return outcome == ApprovalOutcome.PENDING;
  }
}
