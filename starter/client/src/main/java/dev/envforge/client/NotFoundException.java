package dev.envforge.client;

/** 404: no such environment, or one of a team the caller may not see. */
public class NotFoundException extends ApiException {
  public NotFoundException(Problem problem) {
    super(problem);
  }
}
