package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The expiry's decisions alone, in plain time: no test server. */
class ExpiryStateTest {

  private static final Instant EXPIRY = Instant.parse("2030-01-01T12:00:00Z");
  private static final Duration WARN_BEFORE = Duration.ofHours(1);
  private static final Instant WARN_AT = EXPIRY.minus(WARN_BEFORE);

  private ExpiryState expiry;

  @BeforeEach
  void setUp() {
    expiry = new ExpiryState();
    expiry.start(EXPIRY, WARN_BEFORE);
  }

  @Test
  void givenAKeptEnvironment_whenNeverStarted_itShouldReportNoExpiryNorWarning() {
    ExpiryState kept = new ExpiryState();

    assertThat(kept.expiresAt()).isNull();
    assertThat(kept.expiring()).isFalse();
    assertThat(kept.warning()).isNull();
    assertThat(kept.annotationStale()).isFalse();
  }

  @Test
  void givenTimeBeforeTheWarningPeriod_whenAsked_itShouldWakeAtTheWarningAndNotWarnYet() {
    Instant now = WARN_AT.minusSeconds(1);

    assertThat(expiry.expiredAt(now)).isFalse();
    assertThat(expiry.beginsWarningAt(now)).isFalse();
    assertThat(expiry.expiring()).isFalse();
    assertThat(expiry.nextWakeUp(now)).isEqualTo(WARN_AT);
  }

  @Test
  void givenTheWarningPeriodBegun_whenAskedTwice_itShouldWarnOnceAndThenWakeAtTheExpiry() {
    assertThat(expiry.beginsWarningAt(WARN_AT)).isTrue();
    assertThat(expiry.expiring()).isTrue();
    assertThat(expiry.beginsWarningAt(WARN_AT.plusSeconds(60))).isFalse();
    assertThat(expiry.nextWakeUp(WARN_AT)).isEqualTo(EXPIRY);
    assertThat(expiry.expiredAt(EXPIRY.minusMillis(1))).isFalse();
  }

  @Test
  void givenTheExpiryReached_whenAsked_itShouldBeExpired() {
    assertThat(expiry.expiredAt(EXPIRY)).isTrue();
    assertThat(expiry.expiredAt(EXPIRY.plusSeconds(1))).isTrue();
  }

  @Test
  void givenAWarningPeriodLongerThanTheTtl_whenStarting_itShouldWarnAtOnce() {
    Instant now = EXPIRY.minus(Duration.ofMinutes(30));
    ExpiryState soon = new ExpiryState();
    soon.start(EXPIRY, WARN_BEFORE);

    assertThat(soon.beginsWarningAt(now)).isTrue();
    assertThat(soon.nextWakeUp(now)).isEqualTo(EXPIRY);
  }

  @Test
  void givenAWarnedExpiry_whenExtended_itShouldRearmTheWarningAndMarkTheAnnotationStale() {
    expiry.beginsWarningAt(WARN_AT);
    Instant later = EXPIRY.plus(Duration.ofHours(3));

    expiry.extendTo(later, true);

    assertThat(expiry.expiresAt()).isEqualTo(later);
    assertThat(expiry.expiring()).isFalse();
    assertThat(expiry.annotationStale()).isTrue();
    assertThat(expiry.beginsWarningAt(WARN_AT)).isFalse();
    assertThat(expiry.nextWakeUp(WARN_AT)).isEqualTo(later.minus(WARN_BEFORE));
    assertThat(expiry.beginsWarningAt(later.minus(WARN_BEFORE))).isTrue();
  }

  @Test
  void givenAStaleAnnotation_whenTaken_itShouldBeTakenOnce() {
    expiry.extendTo(EXPIRY.plusSeconds(600), true);

    assertThat(expiry.takeStaleAnnotation()).isTrue();
    assertThat(expiry.annotationStale()).isFalse();
    assertThat(expiry.takeStaleAnnotation()).isFalse();
  }

  @Test
  void givenNoNamespaceYet_whenExtended_itShouldLeaveNothingToAnnotate() {
    expiry.extendTo(EXPIRY.plusSeconds(600), false);

    assertThat(expiry.annotationStale()).isFalse();
    assertThat(expiry.takeStaleAnnotation()).isFalse();
  }

  @Test
  void givenWarnings_whenWarnedAgainAfterAnExtend_itShouldNumberThemOnAboutTheCurrentExpiry() {
    ExpiryWarning first = expiry.warned("w-1", WARN_AT);
    Instant later = EXPIRY.plus(Duration.ofHours(2));
    expiry.extendTo(later, true);
    ExpiryWarning second = expiry.warned("w-2", later.minus(WARN_BEFORE));

    assertThat(first.number()).isEqualTo(1);
    assertThat(first.expiresAt()).isEqualTo(EXPIRY);
    assertThat(first.event()).isEqualTo(NotificationState.PENDING);
    assertThat(first.webhook()).isEqualTo(NotificationState.PENDING);
    assertThat(second.number()).isEqualTo(2);
    assertThat(second.expiresAt()).isEqualTo(later);
    assertThat(expiry.warning()).isEqualTo(second);
  }

  @Test
  void givenAnOutcomeOfTheCurrentWarning_whenSettled_itShouldRecordIt() {
    expiry.warned("w-1", WARN_AT);

    boolean recorded = expiry.settle("w-1", w -> w.withEvent(NotificationState.SENT, "event-1"));

    assertThat(recorded).isTrue();
    assertThat(expiry.warning().event()).isEqualTo(NotificationState.SENT);
    assertThat(expiry.warning().eventDetail()).isEqualTo("event-1");
    assertThat(expiry.warning().webhook()).isEqualTo(NotificationState.PENDING);
  }

  @Test
  void givenALateOutcomeOfAReplacedWarning_whenSettled_itShouldBeIgnored() {
    expiry.warned("w-1", WARN_AT);
    expiry.warned("w-2", WARN_AT.plusSeconds(60));

    boolean recorded =
        expiry.settle("w-1", w -> w.withWebhook(NotificationState.FAILED, "HTTP 503"));

    assertThat(recorded).isFalse();
    assertThat(expiry.warning().id()).isEqualTo("w-2");
    assertThat(expiry.warning().webhook()).isEqualTo(NotificationState.PENDING);
  }

  @Test
  void givenNoWarningYet_whenAnOutcomeArrives_itShouldBeIgnored() {
    assertThat(expiry.settle("w-1", w -> w.withEvent(NotificationState.SENT, "e"))).isFalse();
    assertThat(expiry.warning()).isNull();
  }
}
