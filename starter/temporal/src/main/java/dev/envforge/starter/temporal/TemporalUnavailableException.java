package dev.envforge.starter.temporal;

/**
 * Temporal, or the worker behind it, did not answer. The request may be retried; nothing was
 * changed, or the change will be found by the retry (starts and updates are idempotent).
 */
public class TemporalUnavailableException extends RuntimeException {

  private final boolean timedOut;

  public TemporalUnavailableException(String message, boolean timedOut, Throwable cause) {
    super(message, cause);
    this.timedOut = timedOut;
  }

  public boolean timedOut() {
    return timedOut;
  }
}
