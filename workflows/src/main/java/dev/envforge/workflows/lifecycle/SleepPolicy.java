package dev.envforge.workflows.lifecycle;

import dev.envforge.workflows.request.EnvironmentRequest;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which profiles sleep and wake on a schedule, and in which time zone each team's schedules are
 * read. Pure; handed to each run once, like the TTL policy.
 *
 * @param profiles per profile (lower-case name): its schedule; a profile not named has none
 * @param teamTimeZones per team: an IANA time zone id, e.g. {@code Europe/Berlin}
 * @param defaultTimeZone the zone of teams not named
 */
public record SleepPolicy(
    Map<String, SleepSchedule> profiles,
    Map<String, String> teamTimeZones,
    String defaultTimeZone) {

  public SleepPolicy {
    profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
    teamTimeZones = teamTimeZones == null ? Map.of() : Map.copyOf(teamTimeZones);
    defaultTimeZone =
        defaultTimeZone == null || defaultTimeZone.isBlank() ? "UTC" : defaultTimeZone;
    zone("default-time-zone", defaultTimeZone);
    teamTimeZones.forEach((team, zone) -> zone("team-time-zones." + team, zone));
  }

  /** No profile has a schedule. */
  public static SleepPolicy none() {
    return new SleepPolicy(Map.of(), Map.of(), "UTC");
  }

  public Optional<SleepSchedule> scheduleFor(EnvironmentRequest request) {
    return request.profile() == null
        ? Optional.empty()
        : Optional.ofNullable(profiles.get(request.profile().name().toLowerCase(Locale.ROOT)));
  }

  public ZoneId timeZoneOf(String team) {
    return ZoneId.of(teamTimeZones.getOrDefault(team, defaultTimeZone));
  }

  private static void zone(String key, String id) {
    try {
      ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(key + ": '" + id + "' is not a time zone id");
    }
  }
}
