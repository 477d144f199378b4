package dev.envforge.activities.notification;

import dev.envforge.workflows.activities.LifecycleNotice;
import dev.envforge.workflows.activities.LifecycleNotificationActivities;
import dev.envforge.workflows.activities.WebhookDelivery;

/** Lifecycle notices on the notification webhook, signed like expiry warnings. */
public final class WebhookLifecycleNotifications implements LifecycleNotificationActivities {

  private final HttpWebhookNotifier webhook;

  public WebhookLifecycleNotifications(HttpWebhookNotifier webhook) {
    this.webhook = webhook;
  }

  @Override
  public WebhookDelivery sendLifecycleWebhook(LifecycleNotice notice) {
    return webhook.post(notice.id(), LifecycleCloudEvent.body(notice));
  }
}
