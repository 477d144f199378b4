package dev.envforge.starter.temporal;

/** The workflow refused an update: its validator rejected the input, or its state forbids it. */
public class UpdateRefusedException extends RuntimeException {

  /** Why the update was refused; decides between 422 and 409. */
  public enum Reason {
    /** The input is well-formed but not acceptable (beyond the maximum, in the past). */
    UNACCEPTABLE,
    /** The environment is not in a phase that allows the update. */
    WRONG_STATE
  }

  private final Reason reason;

  public UpdateRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
