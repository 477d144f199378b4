package dev.envforge.client;

/**
 * 409, 422 or 429: the environment's state or a limit stands in the way (another spec under the
 * same name, not READY, beyond the maximum TTL, the team's limit, too many calls).
 */
public class ConflictException extends ApiException {
  public ConflictException(Problem problem) {
    super(problem);
  }
}
