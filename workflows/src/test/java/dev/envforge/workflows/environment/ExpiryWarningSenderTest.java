package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.activities.NamespaceSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The notice a warning sends, built alone: its id must not change under replay. */
class ExpiryWarningSenderTest {

  private static final Instant CREATED = Instant.parse("2030-01-01T08:00:00Z");
  private static final Instant EXPIRY = Instant.parse("2030-01-01T12:00:00Z");
  private static final Instant NOW = Instant.parse("2030-01-01T11:00:00Z");

  private final EnvironmentPlan plan =
      EnvironmentPlan.of(
          EnvironmentFixture.sharedWithPostgres("PT4H").withDefaults(),
          EnvironmentFixture.SETTINGS,
          CREATED);
  private final NamespaceSpec namespace =
      new NamespaceSpec(
          EnvironmentFixture.SHARED,
          plan.namespace(),
          plan.request().profile(),
          plan.labels(EXPIRY));

  @Test
  void givenAnExpiry_whenNoticeBuilt_itShouldNameTheEnvironmentItsNamespaceAndTheExpiry() {
    ExpiryWarningNotice notice = ExpiryWarningSender.notice(plan, namespace, "run-1", EXPIRY, NOW);

    assertThat(notice.id()).isEqualTo("environment/payments/review/run-1/expiring/" + EXPIRY);
    assertThat(notice.environmentId()).isEqualTo("payments-review");
    assertThat(notice.team()).isEqualTo("payments");
    assertThat(notice.name()).isEqualTo("review");
    assertThat(notice.cluster()).isEqualTo(EnvironmentFixture.SHARED);
    assertThat(notice.namespace()).isEqualTo("env-payments-review");
    assertThat(notice.workflowId()).isEqualTo("environment/payments/review");
    assertThat(notice.expiresAt()).isEqualTo(EXPIRY);
    assertThat(notice.warnedAt()).isEqualTo(NOW);
  }

  @Test
  void givenAnExtendedExpiry_whenNoticeBuilt_itShouldCarryAnotherId() {
    ExpiryWarningNotice first = ExpiryWarningSender.notice(plan, namespace, "run-1", EXPIRY, NOW);
    ExpiryWarningNotice again =
        ExpiryWarningSender.notice(plan, namespace, "run-1", EXPIRY, NOW.plusSeconds(5));
    ExpiryWarningNotice later =
        ExpiryWarningSender.notice(plan, namespace, "run-1", EXPIRY.plusSeconds(3600), NOW);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(later.id()).isNotEqualTo(first.id());
  }
}
