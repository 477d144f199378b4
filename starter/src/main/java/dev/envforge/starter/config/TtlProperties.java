package dev.envforge.starter.config;

import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.TtlPolicy;
import dev.envforge.workflows.request.TtlRule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code envforge.ttl.*}: the TTL policy the API checks requests against, so that a TTL or keep the
 * policy forbids is a 400 naming the field. The worker reads the same block and checks again; the
 * two must match (the worker's {@code warn-before} is not needed here and is ignored).
 *
 * @param defaultTtl {@code default}
 * @param maxTtl {@code max}
 */
public record TtlProperties(
    @Name("default") Duration defaultTtl,
    @Name("max") Duration maxTtl,
    Boolean keepAllowed,
    Map<Profile, Rule> profiles,
    Map<String, Rule> teams) {

  public TtlProperties {
    defaultTtl = defaultTtl == null ? Duration.ofHours(8) : defaultTtl;
    maxTtl = maxTtl == null ? Duration.ofDays(7) : maxTtl;
    keepAllowed = keepAllowed != null && keepAllowed;
    profiles = profiles == null ? Map.of() : profiles;
    teams = teams == null ? Map.of() : teams;
  }

  /** One profile's or team's exceptions; unset values leave the broader setting in force. */
  public record Rule(
      @Name("default") Duration defaultTtl, @Name("max") Duration maxTtl, Boolean keepAllowed) {}

  public static TtlProperties defaults() {
    return new TtlProperties(null, null, null, null, null);
  }

  /** The policy, or an exception naming every problem in the configuration. */
  public TtlPolicy policy() {
    Map<String, TtlRule> byProfile = new LinkedHashMap<>();
    profiles.forEach((profile, rule) -> byProfile.put(TtlPolicy.key(profile), rule(rule)));
    Map<String, TtlRule> byTeam = new LinkedHashMap<>();
    teams.forEach((team, rule) -> byTeam.put(team, rule(rule)));
    TtlPolicy policy = new TtlPolicy(defaultTtl, maxTtl, keepAllowed, byProfile, byTeam);
    if (!policy.problems().isEmpty()) {
      throw new IllegalArgumentException(
          "envforge.ttl is not usable: " + String.join("; ", policy.problems()));
    }
    return policy;
  }

  private static TtlRule rule(Rule rule) {
    return new TtlRule(rule.defaultTtl(), rule.maxTtl(), rule.keepAllowed());
  }
}
