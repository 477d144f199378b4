package dev.envforge.workflows.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long environments may live: a global default and maximum TTL and keep permission, with
 * exceptions per profile and per team. For each of the three values the most specific setting wins:
 * the team's, then the profile's, then the global one. So a team entry can grant an exception (a
 * longer maximum, permission to keep) as well as restrict. A default that would exceed the maximum
 * that holds is lowered to it. Pure; the worker and the API build it from the same {@code
 * envforge.ttl.*} settings.
 *
 * @param profiles keyed by the profile as requests spell it ({@code small}, {@code medium}, ...)
 * @param teams keyed by team name
 */
public record TtlPolicy(
    Duration defaultTtl,
    Duration maxTtl,
    boolean keepAllowed,
    Map<String, TtlRule> profiles,
    Map<String, TtlRule> teams) {

  public TtlPolicy {
    profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
    teams = teams == null ? Map.of() : Map.copyOf(teams);
  }

  /** A policy with only global values: no keep, no exceptions. */
  public static TtlPolicy global(Duration defaultTtl, Duration maxTtl) {
    return new TtlPolicy(defaultTtl, maxTtl, false, Map.of(), Map.of());
  }

  /** The key a profile has in {@link #profiles()}. */
  public static String key(Profile profile) {
    return profile.name().toLowerCase(Locale.ROOT);
  }

  public TtlBounds boundsFor(String team, Profile profile) {
    Profile size = profile == null ? Profile.SMALL : profile;
    TtlRule teamRule = team == null ? TtlRule.NONE : teams.getOrDefault(team, TtlRule.NONE);
    TtlRule profileRule = profiles.getOrDefault(key(size), TtlRule.NONE);
    String teamName = "team '" + team + "'";
    String profileName = "profile '" + key(size) + "'";

    Duration max = maxTtl;
    String maxFrom = null;
    if (teamRule.maxTtl() != null) {
      max = teamRule.maxTtl();
      maxFrom = teamName;
    } else if (profileRule.maxTtl() != null) {
      max = profileRule.maxTtl();
      maxFrom = profileName;
    }

    boolean keep = keepAllowed;
    String keepFrom = "the global policy";
    if (teamRule.keepAllowed() != null) {
      keep = teamRule.keepAllowed();
      keepFrom = teamName;
    } else if (profileRule.keepAllowed() != null) {
      keep = profileRule.keepAllowed();
      keepFrom = profileName;
    }

    Duration byDefault =
        teamRule.defaultTtl() != null
            ? teamRule.defaultTtl()
            : profileRule.defaultTtl() != null ? profileRule.defaultTtl() : defaultTtl;
    if (byDefault.compareTo(max) > 0) {
      byDefault = max;
    }
    return new TtlBounds(byDefault, max, keep, maxFrom, keepFrom);
  }

  /** What is wrong with this policy as configuration, one line each; empty when it is usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    check("default", defaultTtl, problems);
    check("max", maxTtl, problems);
    if (defaultTtl != null && maxTtl != null && defaultTtl.compareTo(maxTtl) > 0) {
      problems.add("default (" + defaultTtl + ") is longer than max (" + maxTtl + ")");
    }
    Map<String, TtlRule> named = new LinkedHashMap<>();
    profiles.forEach((name, rule) -> named.put("profiles." + name, rule));
    teams.forEach((name, rule) -> named.put("teams." + name, rule));
    for (Map.Entry<String, TtlRule> entry : named.entrySet()) {
      TtlRule rule = entry.getValue() == null ? TtlRule.NONE : entry.getValue();
      if (rule.defaultTtl() != null) {
        check(entry.getKey() + ".default", rule.defaultTtl(), problems);
      }
      if (rule.maxTtl() != null) {
        check(entry.getKey() + ".max", rule.maxTtl(), problems);
      }
    }
    for (String profile : profiles.keySet()) {
      if (Arrays.stream(Profile.values()).map(TtlPolicy::key).noneMatch(profile::equals)) {
        problems.add("profiles." + profile + " is not a profile");
      }
    }
    return problems;
  }

  private static void check(String name, Duration value, List<String> problems) {
    if (value == null) {
      problems.add(name + " is not set");
    } else if (value.compareTo(RequestLimits.MIN_TTL) < 0) {
      problems.add(
          name + " (" + value + ") is shorter than the minimum TTL " + RequestLimits.MIN_TTL);
    }
  }
}
