package dev.envforge.client;

/** The API could not be reached or its answer could not be read. */
public class ServerUnreachableException extends EnvforgeException {
  public ServerUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
