package dev.envforge.client;

import java.util.Map;

/**
 * An RFC 9457 problem detail as the API answers every failure.
 *
 * @param type e.g. {@code urn:envforge:problem:environment-not-found}
 * @param properties the problem's extra members, e.g. {@code errors} or {@code differences}
 */
public record Problem(
    String type, String title, int status, String detail, Map<String, Object> properties) {

  public Problem {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  /** The one line a person reads: the detail if there is one, else the title, else the status. */
  public String message() {
    if (detail != null && !detail.isBlank()) {
      return detail;
    }
    if (title != null && !title.isBlank()) {
      return title;
    }
    return "HTTP " + status;
  }
}
