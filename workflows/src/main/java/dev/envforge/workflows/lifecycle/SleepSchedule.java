package dev.envforge.workflows.lifecycle;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When an environment of a profile is awake: on each of {@code days}, from {@code wakeAt} to {@code
 * sleepAt} local time; asleep the rest of the time (nights, and the days not listed). Pure: the
 * workflow asks it for the next change and sets a timer to it.
 *
 * <p>Local times are read in the team's time zone on each day, so a daylight-saving change moves
 * the instant, not the wall-clock time. A wall-clock time that does not exist on a day (it falls in
 * the spring gap) is taken as the moment the clocks jump to; one that exists twice (autumn) is its
 * first occurrence.
 */
public record SleepSchedule(LocalTime sleepAt, LocalTime wakeAt, Set<DayOfWeek> days) {

  /** A week holds every change; a day more covers the window that began yesterday. */
  private static final int DAYS_AHEAD = 8;

  public SleepSchedule {
    if (sleepAt == null || wakeAt == null) {
      throw new IllegalArgumentException("a sleep schedule needs both sleep-at and wake-at");
    }
    if (!wakeAt.isBefore(sleepAt)) {
      throw new IllegalArgumentException(
          "a sleep schedule wakes before it sleeps on the same day: wake-at "
              + wakeAt
              + " is not before sleep-at "
              + sleepAt);
    }
    days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : Set.copyOf(days);
  }

  /** One change a schedule asks for: wake (true) or sleep (false) at an instant. */
  public record Change(Instant at, boolean wake) {}

  /** Whether the environment should be awake at {@code now}. */
  public boolean awakeAt(Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    return days.contains(today.getDayOfWeek())
        && !now.isBefore(at(today, wakeAt, zone))
        && now.isBefore(at(today, sleepAt, zone));
  }

  /** The first change strictly after {@code now}. */
  public Change nextChange(Instant now, ZoneId zone) {
    LocalDate day = now.atZone(zone).toLocalDate();
    for (int i = 0; i <= DAYS_AHEAD; i++, day = day.plusDays(1)) {
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      Instant wake = at(day, wakeAt, zone);
      if (wake.isAfter(now)) {
        return new Change(wake, true);
      }
      Instant sleep = at(day, sleepAt, zone);
      if (sleep.isAfter(now)) {
        return new Change(sleep, false);
      }
    }
    throw new IllegalStateException("a schedule with days " + days + " has no change in a week");
  }

  private static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
    return ZonedDateTime.of(day, time, zone).toInstant();
  }
}
