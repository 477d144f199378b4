package dev.envforge.workflows.environment;

public enum StepStatus {
  PENDING,
  RUNNING,
  DONE,
  FAILED,
  /** Undone: by compensation after a failure, or by teardown. */
  COMPENSATED,
  /** Not part of this environment (no database requested). */
  SKIPPED
}
