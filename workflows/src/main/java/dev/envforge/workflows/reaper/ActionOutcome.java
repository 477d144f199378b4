package dev.envforge.workflows.reaper;

/** What became of one action a sweep took (or, in a dry run, would have taken). */
public enum ActionOutcome {
  /** Dry run: reported only. */
  REPORTED,
  /** The teardown workflow deleted the database, role and namespace. */
  TORN_DOWN,
  /** Another sweep's teardown of the same namespace runs or ran already: nothing done twice. */
  ALREADY_HANDLED,
  /** Checked again right before acting, the namespace was gone, kept or live again. */
  SKIPPED,
  /** The environment workflow was told its namespace is gone; it tears down the rest itself. */
  SIGNALLED,
  /** The teardown or the signal failed; the next sweep tries again. */
  FAILED
}
