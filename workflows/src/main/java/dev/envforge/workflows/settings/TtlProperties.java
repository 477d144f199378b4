package dev.envforge.workflows.settings;

import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.TtlPolicy;
import dev.envforge.workflows.request.TtlRule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code envforge.ttl.*}: the TTL policy and the expiry warning. The worker and the API bind this
 * same block: the API checks requests against the policy so that a refusal is a 400 naming the
 * field, and the workflow checks again with the worker's copy. Unset values keep the defaults
 * written here, and only here.
 *
 * <p>A bean filled through setters rather than a record, because its keys {@code default} and the
 * rules' {@code default} are a Java keyword: no record component can carry that name without
 * Spring's {@code @Name}, and this module does not depend on Spring. The setters are
 * package-private, so outside this package the settings read like a record's.
 */
public final class TtlProperties {

  private Duration defaultTtl = Duration.ofHours(8);
  private Duration maxTtl = Duration.ofDays(7);
  private boolean keepAllowed;
  private Duration warnBefore = Duration.ofHours(1);
  private Map<Profile, Rule> profiles = Map.of();
  private Map<String, Rule> teams = Map.of();

  /** {@code default}: the TTL of a request that names none. */
  public Duration defaultTtl() {
    return defaultTtl;
  }

  /** {@code max}: the longest TTL, and how far ahead of now an extend may move the expiry. */
  public Duration maxTtl() {
    return maxTtl;
  }

  /** Whether requests may ask to be kept (never expire by TTL). */
  public boolean keepAllowed() {
    return keepAllowed;
  }

  /** The worker's alone: how long before expiry the warning (Event and webhook) is sent. */
  public Duration warnBefore() {
    return warnBefore;
  }

  /** Per profile ({@code small}, {@code medium}, {@code large}): default, max, keep-allowed. */
  public Map<Profile, Rule> profiles() {
    return profiles;
  }

  /** Per team: default, max, keep-allowed; a team's setting beats its profile's. */
  public Map<String, Rule> teams() {
    return teams;
  }

  void setDefault(Duration defaultTtl) {
    this.defaultTtl = defaultTtl;
  }

  void setMax(Duration maxTtl) {
    this.maxTtl = maxTtl;
  }

  void setKeepAllowed(Boolean keepAllowed) {
    this.keepAllowed = Boolean.TRUE.equals(keepAllowed);
  }

  void setWarnBefore(Duration warnBefore) {
    this.warnBefore = warnBefore;
  }

  void setProfiles(Map<Profile, Rule> profiles) {
    this.profiles = Map.copyOf(profiles);
  }

  void setTeams(Map<String, Rule> teams) {
    this.teams = Map.copyOf(teams);
  }

  /** The policy, or an exception naming every problem in the configuration. */
  public TtlPolicy policy() {
    Map<String, TtlRule> byProfile = new LinkedHashMap<>();
    profiles.forEach((profile, rule) -> byProfile.put(TtlPolicy.key(profile), rule.toRule()));
    Map<String, TtlRule> byTeam = new LinkedHashMap<>();
    teams.forEach((team, rule) -> byTeam.put(team, rule.toRule()));
    TtlPolicy policy = new TtlPolicy(defaultTtl, maxTtl, keepAllowed, byProfile, byTeam);
    if (!policy.problems().isEmpty()) {
      throw new IllegalArgumentException(
          "envforge.ttl is not usable: " + String.join("; ", policy.problems()));
    }
    return policy;
  }

  /** One profile's or team's exceptions; unset values leave the broader setting in force. */
  public static final class Rule {

    private Duration defaultTtl;
    private Duration maxTtl;
    private Boolean keepAllowed;

    public Duration defaultTtl() {
      return defaultTtl;
    }

    public Duration maxTtl() {
      return maxTtl;
    }

    public Boolean keepAllowed() {
      return keepAllowed;
    }

    void setDefault(Duration defaultTtl) {
      this.defaultTtl = defaultTtl;
    }

    void setMax(Duration maxTtl) {
      this.maxTtl = maxTtl;
    }

    void setKeepAllowed(Boolean keepAllowed) {
      this.keepAllowed = keepAllowed;
    }

    TtlRule toRule() {
      return new TtlRule(defaultTtl, maxTtl, keepAllowed);
    }
  }
}
