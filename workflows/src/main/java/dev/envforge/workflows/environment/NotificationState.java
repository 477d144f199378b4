package dev.envforge.workflows.environment;

/** Where one channel of an expiry warning stands. */
public enum NotificationState {
  /** Being sent (retries included). */
  PENDING,
  /** Sent: the Event exists, or the webhook answered 2xx. */
  SENT,
  /** Not sent on purpose: no webhook is configured. */
  SKIPPED,
  /** Given up after the bounded retries; the environment is not affected. */
  FAILED
}
