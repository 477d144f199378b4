package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Tells people of approvals, rejections, sleeps and wakes, on the webhook that carries expiry
 * warnings (same signing, same retry rules; see {@link ExpiryWarningActivities}).
 */
@ActivityInterface
public interface LifecycleNotificationActivities {

  /** POSTs the notice as a signed CloudEvent; DISABLED when no webhook is configured. */
  WebhookDelivery sendLifecycleWebhook(LifecycleNotice notice);
}
