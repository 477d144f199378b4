package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final Instant EXPIRY = Instant.parse("2026-11-24T12:00:00Z");
  private static final Duration MAX = Duration.ofDays(7);

  @Test
  void givenADuration_whenExtending_itShouldAddItToTheCurrentExpiry() {
    assertThat(ExpiryPolicy.extended(ExtendRequest.by("PT3H"), EXPIRY, NOW, MAX))
        .isEqualTo(Instant.parse("2026-11-24T15:00:00Z"));
  }

  @Test
  void givenAnInstant_whenExtending_itShouldMoveTheExpiryThereEvenIfEarlier() {
    Instant sooner = Instant.parse("2026-11-24T11:00:00Z");

    assertThat(ExpiryPolicy.extended(ExtendRequest.until(sooner), EXPIRY, NOW, MAX))
        .isEqualTo(sooner);
  }

  @Test
  void givenATargetBeyondTheMaximumFromNow_whenExtending_itShouldRefuseNamingTheField() {
    assertThatThrownBy(() -> ExpiryPolicy.extended(ExtendRequest.by("P7D"), EXPIRY, NOW, MAX))
        .hasMessageStartingWith("by:")
        .hasMessageContaining("maximum TTL");
    assertThatThrownBy(
            () ->
                ExpiryPolicy.extended(
                    ExtendRequest.until(NOW.plus(MAX).plusSeconds(1)), EXPIRY, NOW, MAX))
        .hasMessageStartingWith("until:");
  }

  @Test
  void givenNonsense_whenExtending_itShouldRefuse() {
    assertThatThrownBy(() -> ExpiryPolicy.extended(ExtendRequest.by("tomorrow"), EXPIRY, NOW, MAX))
        .hasMessageStartingWith("by:");
    assertThatThrownBy(() -> ExpiryPolicy.extended(ExtendRequest.by("-PT1H"), EXPIRY, NOW, MAX))
        .hasMessageContaining("positive");
    assertThatThrownBy(
            () -> ExpiryPolicy.extended(ExtendRequest.until(NOW.minusSeconds(1)), EXPIRY, NOW, MAX))
        .hasMessageContaining("future");
    assertThatThrownBy(() -> ExpiryPolicy.extended(new ExtendRequest(null, null), EXPIRY, NOW, MAX))
        .hasMessageContaining("exactly one");
  }
}
