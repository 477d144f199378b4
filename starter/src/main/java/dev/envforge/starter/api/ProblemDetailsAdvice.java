package dev.envforge.starter.api;

import dev.envforge.starter.environments.EnvironmentNotFoundException;
import dev.envforge.starter.environments.InvalidRequestException;
import dev.envforge.starter.environments.RequestConflictException;
import dev.envforge.starter.environments.TeamNotAllowedException;
import dev.envforge.starter.quota.TeamLimitExceededException;
import dev.envforge.starter.temporal.NoSweepYetException;
import dev.envforge.starter.temporal.TemporalUnavailableException;
import dev.envforge.starter.temporal.UpdateRefusedException;
import dev.envforge.starter.temporal.WorkerUnavailableException;
import dev.envforge.workflows.request.FieldError;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem detail that names the field or the reason. Anything
 * unforeseen is logged here with its stack trace and answered with a bare 500, so that internals
 * never reach a caller.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  /** How long a client should wait before retrying when Temporal is unavailable. */
  private static final String RETRY_AFTER_SECONDS = "5";

  static URI type(String slug) {
    return URI.create("urn:envforge:problem:" + slug);
  }

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request");
    problem.setDetail(e.getMessage());
    problem.setProperty("errors", errors(e.errors()));
    return problem;
  }

  @ExceptionHandler(EnvironmentNotFoundException.class)
  ProblemDetail notFound(EnvironmentNotFoundException e) {
    ProblemDetail problem =
        problem(HttpStatus.NOT_FOUND, "environment-not-found", "Environment not found");
    problem.setDetail(e.getMessage());
    problem.setProperty("environment", e.team() + "/" + e.name());
    return problem;
  }

  @ExceptionHandler(NoSweepYetException.class)
  ProblemDetail noSweepYet(NoSweepYetException e) {
    ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "no-sweep-yet", "No sweep yet");
    problem.setDetail(e.getMessage());
    return problem;
  }

  @ExceptionHandler(RequestConflictException.class)
  ProblemDetail conflict(RequestConflictException e) {
    ProblemDetail problem =
        problem(
            HttpStatus.CONFLICT, "environment-conflict", "Environment exists with another spec");
    problem.setDetail(e.getMessage());
    problem.setProperty("environment", e.team() + "/" + e.name());
    problem.setProperty("differences", e.differences());
    return problem;
  }

  @ExceptionHandler(TeamNotAllowedException.class)
  ProblemDetail teamNotAllowed(TeamNotAllowedException e) {
    ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "team-not-allowed", "Not your team");
    problem.setDetail(e.getMessage());
    problem.setProperty("team", e.team());
    return problem;
  }

  @ExceptionHandler(TeamLimitExceededException.class)
  ProblemDetail teamLimit(TeamLimitExceededException e) {
    ProblemDetail problem =
        problem(HttpStatus.TOO_MANY_REQUESTS, "team-limit", "Team environment limit reached");
    problem.setDetail(e.getMessage());
    problem.setProperty("team", e.team());
    problem.setProperty("limit", e.limit());
    problem.setProperty("live", e.live());
    return problem;
  }

  @ExceptionHandler(UpdateRefusedException.class)
  ProblemDetail refused(UpdateRefusedException e) {
    boolean wrongState = e.reason() == UpdateRefusedException.Reason.WRONG_STATE;
    ProblemDetail problem =
        problem(
            wrongState ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT,
            wrongState ? "environment-not-ready" : "update-refused",
            wrongState ? "Environment is not READY" : "Update refused");
    problem.setDetail(e.getMessage());
    return problem;
  }

  @ExceptionHandler(WorkerUnavailableException.class)
  ResponseEntity<ProblemDetail> noWorker(WorkerUnavailableException e) {
    log.warn("no worker answered: {}", e.getMessage());
    ProblemDetail problem =
        problem(HttpStatus.SERVICE_UNAVAILABLE, "worker-unavailable", "Worker unavailable");
    problem.setDetail(e.getMessage() + "; retry later");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(problem);
  }

  @ExceptionHandler(TemporalUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(TemporalUnavailableException e) {
    log.warn("Temporal call failed: {}", e.getMessage());
    HttpStatus status = e.timedOut() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
    ProblemDetail problem =
        problem(
            status,
            e.timedOut() ? "temporal-timeout" : "temporal-unavailable",
            e.timedOut() ? "Temporal did not answer in time" : "Temporal is unavailable");
    problem.setDetail(e.getMessage() + "; retry later");
    return ResponseEntity.status(status)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(problem);
  }

  /** Tomcat refuses to parse a query string such as {@code ?=x} when a parameter is read. */
  @ExceptionHandler(InvalidParameterException.class)
  ProblemDetail invalidQuery(InvalidParameterException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request");
    String message = "is not a valid query string";
    problem.setDetail("query: " + message);
    problem.setProperty("errors", errors(List.of(new FieldError("query", message))));
    return problem;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("unexpected failure", e);
    ProblemDetail problem =
        problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error");
    problem.setDetail("the request failed unexpectedly; the server log has the details");
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    UnreadableBody body = UnreadableBody.of(e);
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-body", body.title());
    problem.setDetail(body.field() + ": " + body.message());
    problem.setProperty("errors", errors(List.of(new FieldError(body.field(), body.message()))));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field =
        e instanceof MethodArgumentTypeMismatchException argument
            ? argument.getName()
            : String.valueOf(e.getPropertyName());
    String expected =
        e.getRequiredType() != null && Number.class.isAssignableFrom(wrap(e.getRequiredType()))
            ? "must be a number"
            : "has the wrong type";
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request");
    problem.setDetail(field + ": " + expected);
    problem.setProperty("errors", errors(List.of(new FieldError(field, expected))));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static Class<?> wrap(Class<?> type) {
    return type == int.class ? Integer.class : type == long.class ? Long.class : type;
  }

  private static ProblemDetail problem(HttpStatus status, String slug, String title) {
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setType(type(slug));
    problem.setTitle(title);
    return problem;
  }

  private static List<Map<String, String>> errors(List<FieldError> errors) {
    return errors.stream()
        .map(error -> Map.of("field", error.field(), "message", error.message()))
        .toList();
  }
}
