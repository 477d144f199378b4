package dev.envforge.activities.notification;

import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.activities.WebhookDelivery;

/** The expiry warning's two channels: a Kubernetes Event and the webhook. */
public final class NotifyingExpiryWarningActivities implements ExpiryWarningActivities {

  private final KubernetesExpiryEvents events;
  private final HttpWebhookNotifier webhook;

  public NotifyingExpiryWarningActivities(
      KubernetesExpiryEvents events, HttpWebhookNotifier webhook) {
    this.events = events;
    this.webhook = webhook;
  }

  @Override
  public String recordExpiryEvent(ExpiryWarningNotice notice) {
    return events.record(notice);
  }

  @Override
  public WebhookDelivery sendExpiryWebhook(ExpiryWarningNotice notice) {
    return webhook.send(notice);
  }
}
