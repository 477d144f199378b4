package dev.envforge.starter.environments;

import dev.envforge.workflows.request.RequestValidator;
import java.util.regex.Pattern;

/** The label rule that team and name follow, for path variables and query parameters. */
public final class Dns1123 {

  private static final Pattern LABEL = Pattern.compile(RequestValidator.DNS_1123_LABEL_PATTERN);

  private Dns1123() {}

  public static boolean isLabel(String value) {
    return value != null
        && value.length() <= RequestValidator.MAX_LABEL_LENGTH
        && LABEL.matcher(value).matches();
  }

  public static void requireLabel(String field, String value) {
    if (!isLabel(value)) {
      throw new InvalidRequestException(
          field,
          "must be a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and"
              + " ending with a letter or digit");
    }
  }
}
