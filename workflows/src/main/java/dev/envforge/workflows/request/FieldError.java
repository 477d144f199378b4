package dev.envforge.workflows.request;

/** One problem with a request, naming the field it is about. */
public record FieldError(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
