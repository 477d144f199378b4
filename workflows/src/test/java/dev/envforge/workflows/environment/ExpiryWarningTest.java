package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.activities.WebhookDelivery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryWarningTest {

  private static final ExpiryWarning PENDING =
      ExpiryWarning.pending(
          "w-1", 1, Instant.parse("2030-01-01T11:00:00Z"), Instant.parse("2030-01-01T12:00:00Z"));

  @Test
  void givenADeliveredWebhook_whenRecorded_itShouldBeSentWithoutDetail() {
    ExpiryWarning sent = PENDING.withWebhookDelivery(WebhookDelivery.DELIVERED);

    assertThat(sent.webhook()).isEqualTo(NotificationState.SENT);
    assertThat(sent.webhookDetail()).isNull();
    assertThat(sent.event()).isEqualTo(NotificationState.PENDING);
  }

  @Test
  void givenNoWebhookConfigured_whenRecorded_itShouldBeSkippedSayingWhy() {
    ExpiryWarning skipped = PENDING.withWebhookDelivery(WebhookDelivery.DISABLED);

    assertThat(skipped.webhook()).isEqualTo(NotificationState.SKIPPED);
    assertThat(skipped.webhookDetail()).isEqualTo("no webhook configured");
    assertThat(skipped.anyChannelFailed()).isFalse();
  }

  @Test
  void givenEitherChannelFailed_whenAsked_itShouldSaySo() {
    assertThat(PENDING.anyChannelFailed()).isFalse();
    assertThat(PENDING.withEvent(NotificationState.FAILED, "forbidden").anyChannelFailed())
        .isTrue();
    assertThat(PENDING.withWebhook(NotificationState.FAILED, "HTTP 503").anyChannelFailed())
        .isTrue();
    assertThat(
            PENDING
                .withEvent(NotificationState.SENT, "e")
                .withWebhookDelivery(WebhookDelivery.DELIVERED)
                .anyChannelFailed())
        .isFalse();
  }
}
