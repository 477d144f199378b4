package dev.envforge.worker.config;

import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.TtlPolicy;
import dev.envforge.workflows.request.TtlRule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code envforge.ttl.*}: the TTL policy and the expiry warning. The API reads the same policy
 * block; the two must match (the workflow checks every request again and has the last word).
 *
 * @param defaultTtl {@code default}: the TTL of a request that names none
 * @param maxTtl {@code max}: the longest TTL, and how far ahead of now an extend may move the
 *     expiry
 * @param keepAllowed whether requests may ask to be kept (never expire by TTL)
 * @param warnBefore how long before expiry the warning (Event and webhook) is sent
 * @param profiles per profile ({@code small}, {@code medium}, {@code large}): default, max,
 *     keep-allowed
 * @param teams per team: default, max, keep-allowed; a team's setting beats its profile's
 */
public record TtlProperties(
    @Name("default") @DefaultValue("PT8H") Duration defaultTtl,
    @Name("max") @DefaultValue("P7D") Duration maxTtl,
    @DefaultValue("false") boolean keepAllowed,
    @DefaultValue("PT1H") Duration warnBefore,
    Map<Profile, Rule> profiles,
    Map<String, Rule> teams) {

  /** One profile's or team's exceptions; unset values leave the broader setting in force. */
  public record Rule(
      @Name("default") Duration defaultTtl, @Name("max") Duration maxTtl, Boolean keepAllowed) {
    TtlRule toRule() {
      return new TtlRule(defaultTtl, maxTtl, keepAllowed);
    }
  }

  /** The policy, or an exception naming every problem in the configuration. */
  public TtlPolicy policy() {
    Map<String, TtlRule> byProfile = new LinkedHashMap<>();
    if (profiles != null) {
      profiles.forEach((profile, rule) -> byProfile.put(TtlPolicy.key(profile), rule.toRule()));
    }
    Map<String, TtlRule> byTeam = new LinkedHashMap<>();
    if (teams != null) {
      teams.forEach((team, rule) -> byTeam.put(team, rule.toRule()));
    }
    TtlPolicy policy = new TtlPolicy(defaultTtl, maxTtl, keepAllowed, byProfile, byTeam);
    if (!policy.problems().isEmpty()) {
      throw new IllegalArgumentException(
          "envforge.ttl is not usable: " + String.join("; ", policy.problems()));
    }
    if (warnBefore == null || warnBefore.isNegative() || warnBefore.isZero()) {
      throw new IllegalArgumentException("envforge.ttl.warn-before must be positive");
    }
    return policy;
  }
}
