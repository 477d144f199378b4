package dev.envforge.starter.api;

import java.io.IOException;

/** Thrown from the body stream itself, so that it reaches the problem mapping as a read error. */
class RequestBodyTooLargeException extends IOException {

  private final long limit;

  RequestBodyTooLargeException(long limit) {
    super("the request body exceeds " + limit + " bytes");
    this.limit = limit;
  }

  long limit() {
    return limit;
  }
}
