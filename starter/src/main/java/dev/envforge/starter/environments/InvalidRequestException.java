package dev.envforge.starter.environments;

import dev.envforge.workflows.request.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** The request breaks a rule; each error names its field. */
public class InvalidRequestException extends RuntimeException {

  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
