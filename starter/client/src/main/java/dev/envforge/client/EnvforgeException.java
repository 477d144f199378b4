package dev.envforge.client;

/** Anything the client could not do; the message is one line, fit to show a person. */
public class EnvforgeException extends RuntimeException {

  public EnvforgeException(String message) {
    super(oneLine(message));
  }

  public EnvforgeException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** Control characters (a server's newline, an escape sequence) never reach a terminal. */
  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\p{Cntrl}+", " ").strip();
  }
}
