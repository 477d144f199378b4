package dev.envforge.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SleepScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final SleepSchedule WEEKDAYS =
      new SleepSchedule(
          LocalTime.of(20, 0),
          LocalTime.of(8, 0),
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

  private static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  @Test
  void givenAWeekdayEvening_whenAskedForTheNextChange_itShouldSleepAtEightLocal() {
    // Friday 2027-03-26 at 12:00 in Berlin is still winter time (UTC+1).
    SleepSchedule.Change next = WEEKDAYS.nextChange(berlin("2027-03-26T12:00"), BERLIN);
    assertThat(next.wake()).isFalse();
    assertThat(next.at()).isEqualTo(Instant.parse("2027-03-26T19:00:00Z"));
  }

  @Test
  void givenFridayNight_whenTheWeekendAndADaylightSavingChangePass_itShouldWakeOnMondayAtEight() {
    SleepSchedule.Change next = WEEKDAYS.nextChange(berlin("2027-03-26T20:00"), BERLIN);
    assertThat(next.wake()).isTrue();
    // Summer time (UTC+2) began on Sunday 28 March: 08:00 local is 06:00 UTC.
    assertThat(next.at()).isEqualTo(Instant.parse("2027-03-29T06:00:00Z"));
    assertThat(WEEKDAYS.awakeAt(berlin("2027-03-27T10:00"), BERLIN)).isFalse();
    assertThat(WEEKDAYS.awakeAt(berlin("2027-03-29T10:00"), BERLIN)).isTrue();
  }

  @Test
  void givenAWallClockTimeInTheSpringGap_whenScheduled_itShouldComeWhenTheClocksJump() {
    SleepSchedule nightOwl =
        new SleepSchedule(LocalTime.of(23, 0), LocalTime.of(2, 30), EnumSet.of(DayOfWeek.SUNDAY));
    // 02:30 does not exist on 2027-03-28 in Berlin; the clocks jump from 02:00 to 03:00 (01:00Z).
    SleepSchedule.Change next = nightOwl.nextChange(Instant.parse("2027-03-27T12:00:00Z"), BERLIN);
    assertThat(next.wake()).isTrue();
    assertThat(next.at()).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
  }

  @Test
  void givenAWakeAfterTheSleep_whenBuilt_itShouldRefuse() {
    assertThatThrownBy(() -> new SleepSchedule(LocalTime.of(8, 0), LocalTime.of(20, 0), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wake-at 20:00 is not before sleep-at 08:00");
  }

  @Test
  void givenAnUnknownTimeZone_whenAPolicyIsBuilt_itShouldNameTheKey() {
    assertThatThrownBy(
            () ->
                new SleepPolicy(
                    java.util.Map.of(), java.util.Map.of("payments", "Mars/Olympus"), "UTC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("team-time-zones.payments");
  }
}
