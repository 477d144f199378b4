package dev.envforge.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TTL policy: which setting wins, and requests checked against it. */
class TtlPolicyTest {

  private static final Duration HOURS_8 = Duration.ofHours(8);
  private static final Duration DAYS_7 = Duration.ofDays(7);

  /** large: short and not keepable; team platform: long and keepable. */
  private static final TtlPolicy POLICY =
      new TtlPolicy(
          HOURS_8,
          DAYS_7,
          false,
          Map.of(
              "large", new TtlRule(Duration.ofHours(4), Duration.ofDays(1), null),
              "medium", new TtlRule(null, null, true)),
          Map.of(
              "platform", new TtlRule(null, Duration.ofDays(30), true),
              "interns", new TtlRule(null, Duration.ofHours(2), false)));

  private static final RequestLimits LIMITS = new RequestLimits("env-", POLICY);

  @Test
  void givenNoExceptions_whenResolved_itShouldTakeTheGlobalValues() {
    TtlBounds bounds = POLICY.boundsFor("payments", Profile.SMALL);

    assertThat(bounds.defaultTtl()).isEqualTo(HOURS_8);
    assertThat(bounds.maxTtl()).isEqualTo(DAYS_7);
    assertThat(bounds.keepAllowed()).isFalse();
    assertThat(bounds.maxFrom()).isNull();
  }

  @Test
  void givenAProfileRule_whenResolved_itShouldOverrideTheGlobalValues() {
    TtlBounds large = POLICY.boundsFor("payments", Profile.LARGE);

    assertThat(large.defaultTtl()).isEqualTo(Duration.ofHours(4));
    assertThat(large.maxTtl()).isEqualTo(Duration.ofDays(1));
    assertThat(large.maxFrom()).isEqualTo("profile 'large'");
    assertThat(POLICY.boundsFor("payments", Profile.MEDIUM).keepAllowed()).isTrue();
  }

  @Test
  void givenATeamRule_whenResolved_itShouldBeatTheProfileRule() {
    TtlBounds platformLarge = POLICY.boundsFor("platform", Profile.LARGE);

    assertThat(platformLarge.maxTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(platformLarge.maxFrom()).isEqualTo("team 'platform'");
    assertThat(platformLarge.keepAllowed()).isTrue();
    // The team sets no default: the profile's still holds.
    assertThat(platformLarge.defaultTtl()).isEqualTo(Duration.ofHours(4));
    assertThat(POLICY.boundsFor("interns", Profile.MEDIUM).keepAllowed()).isFalse();
  }

  @Test
  void givenADefaultAboveTheMaximumThatHolds_whenResolved_itShouldBeLoweredToIt() {
    assertThat(POLICY.boundsFor("interns", Profile.SMALL).defaultTtl())
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void givenKeepWherePolicyAllowsIt_whenValidated_itShouldPassWithNoTtl() {
    EnvironmentRequest keep = kept("platform", Profile.LARGE, null);

    assertThat(RequestValidator.validate(keep, LIMITS)).isEmpty();
    assertThat(RequestValidator.effectiveTtl(keep, LIMITS)).isNull();
  }

  @Test
  void givenKeepWherePolicyForbidsIt_whenValidated_itShouldNameKeepAndTheRuleThatForbids() {
    List<FieldError> errors =
        RequestValidator.validate(kept("interns", Profile.MEDIUM, null), LIMITS);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).field()).isEqualTo("keep");
    assertThat(errors.get(0).message())
        .contains("team 'interns'")
        .contains("profile 'medium'")
        .contains("by team 'interns'");
    assertThat(RequestValidator.validate(kept("payments", Profile.SMALL, null), LIMITS))
        .extracting(FieldError::field)
        .containsExactly("keep");
  }

  @Test
  void givenKeepAndATtl_whenValidated_itShouldNameTtl() {
    assertThat(RequestValidator.validate(kept("platform", Profile.SMALL, "PT8H"), LIMITS))
        .extracting(FieldError::field)
        .containsExactly("ttl");
  }

  @Test
  void givenATtlBeyondTheProfileMaximum_whenValidated_itShouldSaySoNamingTheProfile() {
    List<FieldError> errors =
        RequestValidator.validate(request("payments", Profile.LARGE, "P2D"), LIMITS);

    assertThat(errors)
        .containsExactly(
            new FieldError("ttl", "must be at most PT24H (the maximum for profile 'large')"));
    assertThat(RequestValidator.validate(request("platform", Profile.LARGE, "P20D"), LIMITS))
        .isEmpty();
  }

  @Test
  void givenNoTtl_whenTheEffectiveTtlIsTaken_itShouldBeTheProfileDefault() {
    assertThat(RequestValidator.effectiveTtl(request("payments", Profile.LARGE, null), LIMITS))
        .isEqualTo(Duration.ofHours(4));
  }

  @Test
  void givenAnInconsistentPolicy_whenChecked_itShouldListEveryProblem() {
    TtlPolicy broken =
        new TtlPolicy(
            Duration.ofDays(8),
            DAYS_7,
            false,
            Map.of("huge", new TtlRule(null, Duration.ofMinutes(1), null)),
            Map.of());

    assertThat(broken.problems())
        .containsExactlyInAnyOrder(
            "default (PT192H) is longer than max (PT168H)",
            "profiles.huge.max (PT1M) is shorter than the minimum TTL PT5M",
            "profiles.huge is not a profile");
    assertThat(POLICY.problems()).isEmpty();
  }

  private static EnvironmentRequest kept(String team, Profile profile, String ttl) {
    return new EnvironmentRequest(team, "review", null, profile, null, ttl, true);
  }

  private static EnvironmentRequest request(String team, Profile profile, String ttl) {
    return new EnvironmentRequest(team, "review", null, profile, null, ttl);
  }
}
