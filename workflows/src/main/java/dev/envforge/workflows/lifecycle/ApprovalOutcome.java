package dev.envforge.workflows.lifecycle;

/** Where a request that needs approval stands. */
public enum ApprovalOutcome {
  /** Waiting for an approver. */
  PENDING,
  APPROVED,
  REJECTED,
  /** Nobody decided within the policy's timeout; the request ended REJECTED. */
  TIMED_OUT,
  /** Destroyed while waiting; nothing had been made. */
  WITHDRAWN
}
