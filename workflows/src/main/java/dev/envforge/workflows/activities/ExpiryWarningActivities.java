package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Tells people an environment is about to expire: a Kubernetes Event on its namespace and a signed
 * CloudEvents notification to the configured webhook. Both are safe to retry: the Event has a name
 * derived from the notice and is created once; the notification carries the notice's id.
 */
@ActivityInterface
public interface ExpiryWarningActivities {

  /**
   * Creates the Warning Event {@code EnvironmentExpiring} on the namespace, or finds the one an
   * earlier attempt created; returns its name.
   */
  String recordExpiryEvent(ExpiryWarningNotice notice);

  /**
   * POSTs the notice as a CloudEvent to the webhook, signed with HMAC-SHA256. A 4xx answer (other
   * than 408 and 429) fails with the non-retryable type {@value #WEBHOOK_REJECTED}; other failures
   * are retried by the caller's retry policy.
   */
  WebhookDelivery sendExpiryWebhook(ExpiryWarningNotice notice);

  /** Failure type of a webhook that refused the notification: retrying would not help. */
  String WEBHOOK_REJECTED = "WEBHOOK_REJECTED";
}
