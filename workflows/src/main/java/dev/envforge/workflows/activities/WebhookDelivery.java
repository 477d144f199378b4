package dev.envforge.workflows.activities;

/** What became of an expiry warning's webhook notification. */
public enum WebhookDelivery {
  /** The webhook answered 2xx. */
  DELIVERED,
  /** No webhook is configured: nothing was sent. */
  DISABLED
}
