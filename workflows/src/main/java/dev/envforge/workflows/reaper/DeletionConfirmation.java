package dev.envforge.workflows.reaper;

/** Who waits until a torn-down namespace is really gone. */
public enum DeletionConfirmation {
  /**
   * The teardown itself, before it ends. Teardowns started without saying (by sweeps that began
   * before sweeps confirmed deletions) get this, and so keep doing what they did.
   */
  TEARDOWN_WAITS,
  /**
   * The sweep that started the teardown, for all its teardowns at once: the teardown only requests
   * the deletion and ends, so that the controller-manager's deletion time does not hold a place in
   * the sweep's window of teardowns.
   */
  SWEEP_CONFIRMS;

  /** Null is how teardowns started before this choice existed arrive. */
  static DeletionConfirmation orDefault(DeletionConfirmation confirmation) {
    return confirmation == null ? TEARDOWN_WAITS : confirmation;
  }
}
