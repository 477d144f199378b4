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
  DELETED("deleted");

  private final String predicate;

  LifecycleChange(String predicate) {
    this.predicate = predicate;
  }

  /** The CDEvents predicate of the environment subject this change is announced with. */
  public String predicate() {
    return predicate;
  }

  /** How the change is named in the event's custom data, e.g. {@code extended}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
