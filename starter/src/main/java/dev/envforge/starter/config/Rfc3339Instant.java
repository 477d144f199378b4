package dev.envforge.starter.config;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an instant as RFC 3339 writes it, and only so: a JSON string with a date, a time, an
 * optional fraction and an offset. Java's own parser stops at offsets of ±18 hours, while RFC 3339
 * (and so the API's document, which declares {@code date-time}) allows any up to ±23:59; an instant
 * with such an offset is still one instant. Numbers and other date forms are refused, as the
 * document says.
 */
final class Rfc3339Instant extends ValueDeserializer<Instant> {

  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?"
              + "(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

  private static final int NANO_DIGITS = 9;

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) {
    if (!parser.hasToken(JsonToken.VALUE_STRING)) {
      return (Instant) context.handleUnexpectedToken(Instant.class, parser);
    }
    String text = parser.getString();
    Instant instant = parse(text);
    if (instant == null) {
      return (Instant) context.handleWeirdStringValue(Instant.class, text, "not RFC 3339");
    }
    return instant;
  }

  /** The instant the text names, or null when it is not an RFC 3339 date-time. */
  static Instant parse(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches()) {
      return null;
    }
    int hour = Integer.parseInt(m.group(4));
    int minute = Integer.parseInt(m.group(5));
    int second = Integer.parseInt(m.group(6));
    if (second > 60) {
      return null;
    }
    int offsetSeconds = 0;
    if (m.group(8) == null) {
      int offsetHours = Integer.parseInt(m.group(10));
      int offsetMinutes = Integer.parseInt(m.group(11));
      if (offsetHours > 23 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * ("-".equals(m.group(9)) ? -1 : 1);
    }
    String fraction = m.group(7) == null ? "" : m.group(7);
    // Digits beyond nanoseconds are below what an instant holds.
    int nanos = Integer.parseInt((fraction + "000000000").substring(0, NANO_DIGITS));
    try {
      // A leap second (:60) is the first moment of the next minute, as Java's clock counts.
      LocalDateTime local =
          LocalDateTime.of(
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3)),
                  hour,
                  minute,
                  Math.min(second, 59))
              .plusSeconds(second == 60 ? 1 : 0);
      return Instant.ofEpochSecond(local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }
}
