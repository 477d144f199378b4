package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.WebhookDelivery;
import java.time.Instant;

/**
 * The latest expiry warning of a run and what became of it.
 *
 * @param id the notice's id, as sent in the CloudEvent
 * @param number 1 for the first warning of the run; an extend re-arms the warning, so a later one
 *     counts on
 * @param expiresAt the expiry this warning was about
 * @param event the Kubernetes Event on the namespace
 * @param eventDetail the Event's name, or why it could not be made
 * @param webhook the webhook notification
 * @param webhookDetail why the webhook was skipped or failed
 */
public record ExpiryWarning(
    String id,
    int number,
    Instant warnedAt,
    Instant expiresAt,
    NotificationState event,
    String eventDetail,
    NotificationState webhook,
    String webhookDetail) {

  static ExpiryWarning pending(String id, int number, Instant warnedAt, Instant expiresAt) {
    return new ExpiryWarning(
        id,
        number,
        warnedAt,
        expiresAt,
        NotificationState.PENDING,
        null,
        NotificationState.PENDING,
        null);
  }

  ExpiryWarning withEvent(NotificationState state, String detail) {
    return new ExpiryWarning(
        id, number, warnedAt, expiresAt, state, detail, webhook, webhookDetail);
  }

  ExpiryWarning withWebhook(NotificationState state, String detail) {
    return new ExpiryWarning(id, number, warnedAt, expiresAt, event, eventDetail, state, detail);
  }

  /** The webhook's outcome when the call returned: sent, or skipped when none is configured. */
  ExpiryWarning withWebhookDelivery(WebhookDelivery delivery) {
    return delivery == WebhookDelivery.DISABLED
        ? withWebhook(NotificationState.SKIPPED, "no webhook configured")
        : withWebhook(NotificationState.SENT, null);
  }

  boolean anyChannelFailed() {
    return event == NotificationState.FAILED || webhook == NotificationState.FAILED;
  }
}
