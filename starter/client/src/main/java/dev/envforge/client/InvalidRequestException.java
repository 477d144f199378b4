package dev.envforge.client;

/** 400: a field, parameter or the body is invalid; the problem names it. */
public class InvalidRequestException extends ApiException {
  public InvalidRequestException(Problem problem) {
    super(problem);
  }
}
