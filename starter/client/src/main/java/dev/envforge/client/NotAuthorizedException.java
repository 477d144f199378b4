package dev.envforge.client;

/** 401 or 403: no token, a token the API does not accept, or a team the caller does not act for. */
public class NotAuthorizedException extends ApiException {
  public NotAuthorizedException(Problem problem) {
    super(problem);
  }
}
