package dev.envforge.client;

/** The API refused a call; {@link #problem()} is its problem detail. */
public class ApiException extends EnvforgeException {

  private final Problem problem;

  public ApiException(Problem problem) {
    super(problem.message());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public int status() {
    return problem.status();
  }

  /** The exception type for an answer's status, so callers can catch what they handle. */
  static ApiException of(Problem problem) {
    return switch (problem.status()) {
      case 400 -> new InvalidRequestException(problem);
      case 401, 403 -> new NotAuthorizedException(problem);
      case 404 -> new NotFoundException(problem);
      case 409, 422, 429 -> new ConflictException(problem);
      default -> new ApiException(problem);
    };
  }
}
