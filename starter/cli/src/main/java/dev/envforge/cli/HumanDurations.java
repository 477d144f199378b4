package dev.envforge.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them ({@code 8h}, {@code 90m}, {@code 1h30m}, {@code 2d}) or as ISO-8601
 * ({@code PT8H}, {@code P2D}), and back into short text for tables.
 */
public final class HumanDurations implements ITypeConverter<Duration> {

  private static final Pattern PART = Pattern.compile("(\\d+)(d|h|m|s)");
  private static final Pattern HUMAN = Pattern.compile("(\\d+(d|h|m|s))+");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String text) {
    String value = text == null ? "" : text.strip();
    Duration duration;
    if (HUMAN.matcher(value.toLowerCase()).matches()) {
      duration = Duration.ZERO;
      Matcher part = PART.matcher(value.toLowerCase());
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        duration =
            duration.plus(
                switch (part.group(2)) {
                  case "d" -> Duration.ofDays(amount);
                  case "h" -> Duration.ofHours(amount);
                  case "m" -> Duration.ofMinutes(amount);
                  default -> Duration.ofSeconds(amount);
                });
      }
    } else {
      try {
        duration = Duration.parse(value.toUpperCase());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + text + "' is not a duration (e.g. 8h, 90m, 1h30m, 2d or PT8H)");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("'" + text + "' is not a positive duration");
    }
    return duration;
  }

  /** {@code 2d3h}, {@code 7h59m}, {@code 1m05s}, {@code 0.4s}: the two largest units. */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    long seconds = duration.toSeconds();
    if (seconds < 10) {
      return String.format("%.1fs", duration.toMillis() / 1000.0);
    }
    long days = duration.toDays();
    long hours = duration.toHoursPart();
    long minutes = duration.toMinutesPart();
    long secs = duration.toSecondsPart();
    if (days > 0) {
      return days + "d" + (hours > 0 ? hours + "h" : "");
    }
    if (hours > 0) {
      return hours + "h" + (minutes > 0 ? minutes + "m" : "");
    }
    if (minutes > 0) {
      return minutes + "m" + String.format("%02ds", secs);
    }
    return secs + "s";
  }
}
