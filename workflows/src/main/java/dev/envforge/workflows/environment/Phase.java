package dev.envforge.workflows.environment;

/**
 * An environment's life: [AWAITING_APPROVAL →] PROVISIONING → READY ⇄ SLEEPING → DESTROYING →
 * DESTROYED, or FAILED, or (never approved) REJECTED.
 */
public enum Phase {
  /** Waits for an approver before anything is made (the policy asks for it). */
  AWAITING_APPROVAL,
  PROVISIONING,
  READY,
  /** Its Deployments and StatefulSets are scaled to zero; the TTL keeps running. */
  SLEEPING,
  DESTROYING,
  DESTROYED,
  /** Provisioning failed for good; what was done has been undone. */
  FAILED,
  /** Rejected by an approver, or not approved in time; nothing was made. */
  REJECTED;

  public boolean terminal() {
    return this == DESTROYED || this == FAILED || this == REJECTED;
  }
}
