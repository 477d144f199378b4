package dev.envforge.starter.temporal;

/** Temporal refused a visibility page token: it is not one the server handed out for the query. */
public class PageTokenRefusedException extends RuntimeException {

  public PageTokenRefusedException(Throwable cause) {
    super("the server refused the page token", cause);
  }
}
