package dev.envforge.workflows.reaper;

/** How a teardown of an abandoned environment ended. */
public enum TeardownOutcome {
  TORN_DOWN,
  /** The namespace was gone, kept, or live again by the time the teardown began. */
  SKIPPED
}
