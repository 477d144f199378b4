package dev.envforge.workflows.reaper;

/** What a sweep makes of one managed namespace (or, for DRIFTED, of one live environment). */
public enum EnvironmentClass {
  /** Its environment workflow is running: the workflow looks after it. */
  LIVE,
  /** Past its {@code envforge.dev/expires-at} and its workflow is gone: torn down. */
  EXPIRED,
  /**
   * Managed labels but no running workflow, not expired, older than the grace period: torn down.
   */
  ORPHAN,
  /** Labelled {@code envforge.dev/keep=true}: left alone, whatever else is true of it. */
  KEPT,
  /** Its workflow is READY but the namespace was deleted by hand: the workflow is signalled. */
  DRIFTED,
  /**
   * No running workflow, not expired, but younger than the grace period: left alone, because its
   * workflow may only just have started or ended.
   */
  RECENT,
  /** Already being deleted: left alone; a later sweep sees what remains. */
  TERMINATING;

  /** Whether a sweep that is not a dry run tears environments of this class down. */
  public boolean tornDown() {
    return this == EXPIRED || this == ORPHAN;
  }
}
