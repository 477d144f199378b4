package dev.envforge.activities.secret;

/** A transient failure to read or write a connection Secret; the activity is retried. */
public class ConnectionSecretException extends RuntimeException {

  public ConnectionSecretException(String message) {
    super(message);
  }
}
