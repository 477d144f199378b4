package dev.envforge.starter.environments;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.workflows.environment.ExpiryPolicy;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.environment.Phase;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks of path variables, query parameters and bodies that need no workflow, so that a bad
 * request is a 400 naming its field before anything reaches Temporal. Where the workflow checks the
 * same thing again, the message is the workflow's own.
 */
public final class RequestChecks {

  public static final int MAX_REASON_LENGTH = 200;

  /**
   * A reason on one line: no control, line-separating or invisible formatting characters. Written
   * so that any regex dialect reads it alike (the API's document states it). The check below also
   * refuses formatting characters beyond the first 64K, which no such class can name, and lone
   * surrogates, which are no characters at all: a client's Unicode string cannot hold one (and a
   * generator working from the document cannot read a class that names them), so the pattern leaves
   * them out. Code points this Java does not know yet are accepted, as the document says: a newer
   * Unicode may well have assigned them.
   */
  public static final String REASON_PATTERN =
      "[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f"
          + "\\u0890\\u0891\\u08e2\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064"
          + "\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb]*";

  private static final Pattern REASON = Pattern.compile(REASON_PATTERN);

  /**
   * A rejection's reason: a reason with at least one character other than a space (control
   * characters, tabs and line breaks among them, are no reason's anyway).
   */
  public static final String REJECT_REASON_PATTERN = "(?=[\\s\\S]*[^ ])" + REASON_PATTERN;

  /**
   * A regex that admits only whole values, in every dialect that reads the API's document: a bare
   * {@code $} would also admit a value with one more line break at its end in some of them.
   */
  public static String whole(String regex) {
    return "^(?:" + regex + ")$(?![\\s\\S])";
  }

  private RequestChecks() {}

  /** The environment in a path: team and name, each a DNS-1123 label. */
  static void environment(String team, String name) {
    Dns1123.requireLabel("team", team);
    Dns1123.requireLabel("name", name);
  }

  /**
   * An extend's shape: exactly one of by and until, and by a duration. Whether the new expiry is
   * allowed is the workflow's to decide, since it knows the current expiry.
   */
  static void extendBody(ExtendRequest extend) {
    if (extend == null || (extend.by() == null) == (extend.until() == null)) {
      throw new InvalidRequestException("by", ExpiryPolicy.ONE_OF_BY_OR_UNTIL);
    }
    if (extend.by() != null) {
      try {
        Duration.parse(extend.by());
      } catch (DateTimeParseException e) {
        throw new InvalidRequestException("by", ExpiryPolicy.BY_NOT_A_DURATION);
      }
    }
  }

  /** A destroy's reason ends up in the status, the UI and log lines: short, and on one line. */
  /** A rejection's reason: required, and more than spaces. */
  public static void rejectReason(String reason) {
    if (reason == null || reason.chars().allMatch(c -> c == ' ')) {
      throw new InvalidRequestException("reason", "is required to reject");
    }
    reason(reason);
  }

  static void reason(String reason) {
    if (reason == null) {
      return;
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      throw new InvalidRequestException(
          "reason", "must be at most " + MAX_REASON_LENGTH + " characters");
    }
    if (!REASON.matcher(reason).matches()
        || reason.codePoints().anyMatch(RequestChecks::unprintable)) {
      throw new InvalidRequestException("reason", "must not contain control characters");
    }
  }

  /** The page size asked for, or the default; within the configured bounds. */
  static int pageSize(Integer requested, EnvforgeProperties.Listing listing) {
    int size = requested == null ? listing.defaultPageSize() : requested;
    if (size < 1 || size > listing.maxPageSize()) {
      throw new InvalidRequestException(
          "pageSize", "must be between 1 and " + listing.maxPageSize());
    }
    return size;
  }

  /** The phase filter's rule as a regex: a phase's name, in any case. */
  public static String phasePattern() {
    return Arrays.stream(Phase.values())
        .map(phase -> anyCase(phase.name()))
        .collect(Collectors.joining("|", "^(?:", ")$(?![\\s\\S])"));
  }

  private static String anyCase(String name) {
    StringBuilder pattern = new StringBuilder();
    name.chars()
        .forEach(
            c ->
                pattern
                    .append('[')
                    .append((char) c)
                    .append(Character.toLowerCase((char) c))
                    .append(']'));
    return pattern.toString();
  }

  /** A phase filter in any case; null for none. */
  static Phase phase(String phase) {
    if (phase == null) {
      return null;
    }
    try {
      return Phase.valueOf(phase.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "phase",
          "must be one of "
              + Arrays.stream(Phase.values()).map(Phase::name).collect(Collectors.joining(", ")));
    }
  }

  private static boolean unprintable(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isISOControl(codePoint)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE;
  }
}
