package dev.envforge.activities.reaper;

/** What Temporal knows of an environment's workflow id. */
public enum WorkflowState {
  /** A run is open. */
  RUNNING,
  /** The latest run has closed (destroyed, failed, terminated…). */
  CLOSED,
  /** No run is known: never started, or closed longer ago than the namespace's retention. */
  UNKNOWN
}
