package dev.envforge.workflows.environment;

/** An environment's life: PROVISIONING → READY → DESTROYING → DESTROYED, or FAILED. */
public enum Phase {
  PROVISIONING,
  READY,
  DESTROYING,
  DESTROYED,
  /** Provisioning failed for good; what was done has been undone. */
  FAILED;

  public boolean terminal() {
    return this == DESTROYED || this == FAILED;
  }
}
