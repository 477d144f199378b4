package dev.envforge.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of a request's capabilities and the defaults of a request that names none. */
class CapabilityRequestTest {

  private static final RequestLimits NO_DEFAULTS =
      new RequestLimits("env-", Duration.ofHours(8), Duration.ofDays(7));

  private static final RequestLimits MEDIUM_GETS_BOTH =
      new RequestLimits(
          "env-",
          TtlPolicy.global(Duration.ofHours(8), Duration.ofDays(7)),
          new CapabilityDefaults(
              Map.of(Profile.MEDIUM, List.of(Capability.SECRETSTORE, Capability.STATESTORE))));

  @Test
  void givenAStateStoreWithAPostgresDatabase_itShouldBeValid() {
    assertThat(
            RequestValidator.validate(
                request(
                    Profile.SMALL, true, List.of(Capability.STATESTORE, Capability.SECRETSTORE)),
                NO_DEFAULTS))
        .isEmpty();
  }

  @Test
  void givenAStateStoreWithoutADatabase_itShouldNameTheCapabilityAndWhatItNeeds() {
    assertThat(
            RequestValidator.validate(
                request(
                    Profile.SMALL, false, List.of(Capability.SECRETSTORE, Capability.STATESTORE)),
                NO_DEFAULTS))
        .containsExactly(
            new FieldError(
                "capabilities[1]",
                "'statestore' keeps its state in the database: needs database.kind 'postgres'"));
  }

  @Test
  void givenACapabilityTwiceOrANull_itShouldRefuseEachByItsIndex() {
    List<Capability> wanted = Arrays.asList(Capability.SECRETSTORE, null, Capability.SECRETSTORE);
    assertThat(RequestValidator.validate(request(Profile.SMALL, true, wanted), NO_DEFAULTS))
        .containsExactly(
            new FieldError("capabilities[1]", "must be one of 'statestore', 'secretstore'"),
            new FieldError("capabilities[2]", "'secretstore' is named twice"));
  }

  @Test
  void givenNoCapabilitiesNamed_itShouldGetItsProfilesDefaultsInAStableOrder() {
    assertThat(
            RequestValidator.effectiveCapabilities(
                request(Profile.MEDIUM, true, null), MEDIUM_GETS_BOTH))
        .containsExactly(Capability.STATESTORE, Capability.SECRETSTORE);
    assertThat(
            RequestValidator.effectiveCapabilities(
                request(Profile.SMALL, true, null), MEDIUM_GETS_BOTH))
        .isEmpty();
  }

  @Test
  void givenDefaultsWithAStateStoreButNoDatabase_itShouldLeaveTheStateStoreOutAndStayValid() {
    EnvironmentRequest withoutDatabase = request(Profile.MEDIUM, false, null);
    assertThat(RequestValidator.validate(withoutDatabase, MEDIUM_GETS_BOTH)).isEmpty();
    assertThat(RequestValidator.effectiveCapabilities(withoutDatabase, MEDIUM_GETS_BOTH))
        .containsExactly(Capability.SECRETSTORE);
  }

  @Test
  void givenAnEmptyList_itShouldGetNoneEvenWhereTheProfileHasDefaults() {
    assertThat(
            RequestValidator.effectiveCapabilities(
                request(Profile.MEDIUM, true, List.of()), MEDIUM_GETS_BOTH))
        .isEmpty();
  }

  private static EnvironmentRequest request(
      Profile profile, boolean database, List<Capability> capabilities) {
    return new EnvironmentRequest(
        "payments",
        "review",
        null,
        profile,
        database ? DatabaseChoice.postgres(null) : null,
        null,
        false,
        capabilities);
  }
}
