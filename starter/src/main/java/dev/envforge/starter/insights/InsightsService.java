package dev.envforge.starter.insights;

import dev.envforge.starter.environments.Dns1123;
import dev.envforge.starter.environments.InvalidRequestException;
import dev.envforge.starter.environments.TeamNotAllowedException;
import dev.envforge.starter.environments.VisibilityQuery;
import dev.envforge.starter.security.Caller;
import dev.envforge.starter.temporal.InsightRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** Delivery figures for a caller: its teams' runs only, unless it is an admin. */
@Service
public class InsightsService {

  /** The window when none is given: the last 30 days. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

  /**
   * RFC 3339's date-time, without leap seconds and with offsets up to ±18:00 (as far as Java's
   * offsets reach): what the {@code from} and {@code to} parameters accept, and what the API's
   * document states for them.
   */
  public static final String DATE_TIME_PATTERN =
      "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]"
          + ":[0-5][0-9](\\.[0-9]{1,9})?([Zz]|[+-](0[0-9]|1[0-7]):[0-5][0-9]|[+-]18:00)$";

  private static final Pattern DATE_TIME = Pattern.compile(DATE_TIME_PATTERN);

  private final InsightRuns runs;
  private final Clock clock;

  public InsightsService(InsightRuns runs) {
    this.runs = runs;
    this.clock = Clock.systemUTC();
  }

  /** The figures and the window they cover. */
  public record Window(String team, Instant from, Instant to, Insights figures) {}

  public Window figures(Caller caller, String team, String from, String to) {
    if (team != null) {
      Dns1123.requireLabel("team", team);
      if (!caller.admin() && !caller.mayActFor(team)) {
        throw new TeamNotAllowedException(team);
      }
    }
    Instant end = clamped(to == null ? clock.instant() : instant("to", to));
    Instant start = clamped(from == null ? end.minus(DEFAULT_WINDOW) : instant("from", from));
    List<String> visibleTeams = caller.teams().stream().filter(Dns1123::isLabel).sorted().toList();
    // A window that ends before it begins holds no runs; it is answered, not refused.
    if (!start.isBefore(end) || (!caller.admin() && visibleTeams.isEmpty())) {
      return new Window(team, start, end, DeliveryFigures.of(List.of(), Map.of()));
    }
    String query =
        caller.admin()
            ? VisibilityQuery.environments(team, null)
            : VisibilityQuery.environments(team, null, visibleTeams);
    try {
      return new Window(
          team,
          start,
          end,
          DeliveryFigures.of(runs.startedBetween(query, start, end), runs.liveByTeam(query)));
    } catch (InsightRuns.TooManyRunsException e) {
      throw new InvalidRequestException("from", e.getMessage());
    }
  }

  /**
   * No run started before 1970 or after 9999; a window reaching past either is cut there, so that
   * visibility is only ever asked about dates it can hold.
   */
  private static Instant clamped(Instant instant) {
    if (instant.isBefore(Instant.EPOCH)) {
      return Instant.EPOCH;
    }
    return instant.isAfter(LATEST) ? LATEST : instant;
  }

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** An RFC 3339 date-time, as the API's document states it ({@link #DATE_TIME_PATTERN}). */
  public static Instant instant(String field, String value) {
    if (!DATE_TIME.matcher(value).matches()) {
      throw notADateTime(field);
    }
    try {
      return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      throw notADateTime(field);
    }
  }

  private static InvalidRequestException notADateTime(String field) {
    return new InvalidRequestException(
        field, "is not an RFC 3339 date-time (e.g. 2026-11-01T00:00:00Z)");
  }
}
