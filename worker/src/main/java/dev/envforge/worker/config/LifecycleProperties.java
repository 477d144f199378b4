package dev.envforge.worker.config;

import dev.envforge.workflows.lifecycle.ApprovalPolicy;
import dev.envforge.workflows.lifecycle.SleepPolicy;
import dev.envforge.workflows.lifecycle.SleepSchedule;
import dev.envforge.workflows.request.Profile;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code envforge.lifecycle.*}: which requests wait for approval, and which profiles sleep on a
 * schedule. The worker's alone: each run receives them once, with the TTL policy, and keeps them.
 */
@ConfigurationProperties("envforge.lifecycle")
public record LifecycleProperties(@DefaultValue Approval approval, @DefaultValue Sleep sleep) {

  /**
   * @param required every request waits for approval
   * @param dedicatedClusters requests for a dedicated cluster wait for approval
   * @param profiles per profile ({@code small}, {@code medium}, {@code large}): whether it waits
   * @param teams per team: whether its requests wait; beats every other setting
   * @param selfApprovalAllowed the caller who asked may approve too
   * @param timeout a request not decided within this ends REJECTED
   */
  public record Approval(
      boolean required,
      boolean dedicatedClusters,
      Map<String, Boolean> profiles,
      Map<String, Boolean> teams,
      boolean selfApprovalAllowed,
      @DefaultValue("P1D") Duration timeout) {

    ApprovalPolicy policy() {
      return new ApprovalPolicy(
          required,
          dedicatedClusters,
          byProfile("envforge.lifecycle.approval.profiles", profiles),
          teams,
          selfApprovalAllowed,
          timeout);
    }
  }

  /**
   * @param schedules per profile: when its environments sleep and wake
   * @param teamTimeZones per team: the IANA time zone its schedules are read in
   * @param defaultTimeZone the zone of the teams not listed
   */
  public record Sleep(
      Map<String, Schedule> schedules,
      Map<String, String> teamTimeZones,
      @DefaultValue("UTC") String defaultTimeZone) {

    SleepPolicy policy() {
      Map<String, SleepSchedule> byProfile = new LinkedHashMap<>();
      byProfile("envforge.lifecycle.sleep.schedules", schedules)
          .forEach((profile, schedule) -> byProfile.put(profile, schedule.toSchedule(profile)));
      return new SleepPolicy(byProfile, teamTimeZones, defaultTimeZone);
    }
  }

  /**
   * One profile's schedule: awake from {@code wakeAt} to {@code sleepAt} (HH:mm, local time) on
   * {@code days} (all days if none are listed), asleep otherwise.
   */
  public record Schedule(String sleepAt, String wakeAt, Set<DayOfWeek> days) {

    SleepSchedule toSchedule(String profile) {
      String key = "envforge.lifecycle.sleep.schedules." + profile;
      try {
        return new SleepSchedule(
            time(key + ".sleep-at", sleepAt), time(key + ".wake-at", wakeAt), days);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
      }
    }

    private static LocalTime time(String key, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(key + " is not set");
      }
      try {
        return LocalTime.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(key + ": '" + value + "' is not a time like 20:00");
      }
    }
  }

  public ApprovalPolicy approvalPolicy() {
    return approval.policy();
  }

  public SleepPolicy sleepPolicy() {
    return sleep.policy();
  }

  /** The map with its keys checked to be profile names, lower case. */
  private static <T> Map<String, T> byProfile(String key, Map<String, T> values) {
    Map<String, T> checked = new LinkedHashMap<>();
    if (values == null) {
      return checked;
    }
    values.forEach(
        (name, value) -> {
          String profile = name.toLowerCase(Locale.ROOT);
          if (Arrays.stream(Profile.values())
              .noneMatch(p -> p.name().toLowerCase(Locale.ROOT).equals(profile))) {
            throw new IllegalArgumentException(
                key + ": '" + name + "' is not a profile (small, medium, large)");
          }
          checked.put(profile, value);
        });
    return checked;
  }
}
