package dev.envforge.workflows.activities;

/**
 * A change in an environment's life that is announced as a CDEvent. The CDEvents spec knows three
 * predicates for its environment subject (created, modified, deleted); each change maps to one, and
 * the change itself travels in the event's custom data so receivers can tell an extend from a
 * warning.
 */
public enum LifecycleChange {
  /** Provisioned and READY. */
  CREATED("created"),
  /** Its expiry moved later. */
  EXTENDED("modified"),
  /** Its expiry is near (the expiry warning). */
  EXPIRING("modified"),
  /** Torn down: destroyed, expired, or its namespace was lost. */
  DELETED("deleted"),
  /** The request waits for an approver before anything is made. */
  APPROVAL_REQUESTED("modified", "approval.requested"),
  /** An approver let the request go on. */
  APPROVED("modified", "approval.approved"),
  /** An approver refused the request: nothing is made. */
  REJECTED("modified", "approval.rejected"),
  /** Nobody decided in time: the request ends as rejected. */
  APPROVAL_TIMED_OUT("modified", "approval.timed-out"),
  /** Destroyed while it waited: nothing was made. */
  APPROVAL_WITHDRAWN("modified", "approval.withdrawn"),
  /** Its Deployments and StatefulSets were scaled to zero. */
  SLEPT("modified", "slept"),
  /** Its workloads got their replicas back. */
  WOKE("modified", "woke");

  private final String predicate;
  private final String label;

  LifecycleChange(String predicate) {
    this.predicate = predicate;
    this.label = name().toLowerCase(java.util.Locale.ROOT);
  }

  LifecycleChange(String predicate, String label) {
    this.predicate = predicate;
    this.label = label;
  }

  /** The CDEvents predicate of the environment subject this change is announced with. */
  public String predicate() {
    return predicate;
  }

  /**
   * How the change is named in the event's custom data, e.g. {@code extended}; the approval and
   * sleep changes keep the names their webhook notices had ({@code approval.approved}, {@code
   * slept}).
   */
  public String label() {
    return label;
  }
}
