package dev.envforge.starter.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what is wrong with a body that could not be read, in the caller's terms: which field, and
 * what it should have been. Never echoes Java types or parser internals.
 *
 * @param field the JSON path of the offending field, or {@code body} for the body as a whole
 */
record UnreadableBody(String title, String field, String message) {

  static UnreadableBody of(Throwable failure) {
    RequestBodyTooLargeException tooLarge = find(failure, RequestBodyTooLargeException.class);
    if (tooLarge != null) {
      return new UnreadableBody(
          "Request body too large", "body", "must be at most " + tooLarge.limit() + " bytes");
    }
    UnrecognizedPropertyException unknown = find(failure, UnrecognizedPropertyException.class);
    if (unknown != null) {
      return new UnreadableBody("Unknown field", path(unknown), "is not a known field");
    }
    MismatchedInputException mismatch = find(failure, MismatchedInputException.class);
    if (mismatch != null) {
      String field = path(mismatch);
      String message =
          field.equals("body") ? "must be a JSON object" : expected(mismatch.getTargetType());
      return new UnreadableBody("Invalid field", field, message);
    }
    DatabindException binding = find(failure, DatabindException.class);
    if (binding != null) {
      return new UnreadableBody("Invalid field", path(binding), "has an invalid value");
    }
    JacksonException syntax = find(failure, JacksonException.class);
    java.util.regex.Matcher duplicate =
        syntax == null ? null : DUPLICATE.matcher(String.valueOf(syntax.getOriginalMessage()));
    if (duplicate != null && duplicate.find()) {
      // Only a field name that is itself plain is repeated back.
      String field =
          duplicate.group(1).matches("[A-Za-z0-9_.-]{1,40}") ? duplicate.group(1) : "body";
      return new UnreadableBody("Duplicate field", field, "appears more than once");
    }
    if (syntax != null) {
      return new UnreadableBody("Malformed JSON", "body", "is not valid JSON" + at(syntax));
    }
    return new UnreadableBody("Unreadable body", "body", "is required and must be a JSON object");
  }

  private static final java.util.regex.Pattern DUPLICATE =
      java.util.regex.Pattern.compile("Duplicate .*property \"([^\"]*)\"");

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type.isEnum()) {
      return "must be one of: " + enumValues(type);
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (type == Instant.class || Temporal.class.isAssignableFrom(type)) {
      return "must be an RFC 3339 instant such as 2030-01-31T18:00:00Z";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "must be a number";
    }
    return "must be a JSON object";
  }

  /** Enum values as the body spells them, honouring their {@code @JsonProperty} names. */
  private static String enumValues(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(
            constant -> {
              String name = ((Enum<?>) constant).name();
              try {
                JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
                return property == null ? name : property.value();
              } catch (NoSuchFieldException e) {
                return name;
              }
            })
        .collect(Collectors.joining(", "));
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }

  private static String at(JacksonException e) {
    TokenStreamLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
