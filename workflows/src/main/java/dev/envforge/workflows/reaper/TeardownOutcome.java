package dev.envforge.workflows.reaper;

/** How a teardown of an abandoned environment ended. */
public enum TeardownOutcome {
  /** The database, role and namespace are gone. */
  TORN_DOWN,
  /** The namespace was gone, kept, or live again by the time the teardown began. */
  SKIPPED,
  /**
   * The database and role are gone and the namespace's deletion is requested; the sweep confirms
   * that it is gone ({@link DeletionConfirmation#SWEEP_CONFIRMS}).
   */
  DELETION_REQUESTED
}
