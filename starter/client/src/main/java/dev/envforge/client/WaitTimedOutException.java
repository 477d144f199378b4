package dev.envforge.client;

/** A wait for an environment ended before the environment got where it was awaited. */
public class WaitTimedOutException extends EnvforgeException {

  private final transient Environment last;

  public WaitTimedOutException(String message, Environment last) {
    super(message);
    this.last = last;
  }

  /** The last status seen, or null if none arrived. */
  public Environment last() {
    return last;
  }
}
