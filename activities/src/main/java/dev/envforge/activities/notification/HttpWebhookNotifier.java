package dev.envforge.activities.notification;

import dev.envforge.activities.events.EnvironmentCDEvents;
import dev.envforge.activities.events.EventSink;
import dev.envforge.activities.events.HttpEventSink;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.activities.WebhookDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs expiry warnings to the configured webhook for runs that began before lifecycle events
 * existed (newer runs announce the warning through {@code LifecycleEventActivities}). The warning
 * goes the same way and in the same form as every lifecycle event: a signed CDEvent (environment
 * modified, change {@code expiring}) in a CloudEvent. One attempt per call: the caller's retry
 * policy bounds the retries.
 */
public final class HttpWebhookNotifier {

  private static final Logger log = LoggerFactory.getLogger(HttpWebhookNotifier.class);

  private final WebhookSettings settings;
  private final HttpEventSink sink;

  public HttpWebhookNotifier(WebhookSettings settings) {
    this.settings = settings;
    this.sink =
        settings.enabled()
            ? new HttpEventSink(
                new EventSink(settings.url(), settings.secretFile(), settings.timeout()))
            : null;
  }

  public WebhookDelivery send(ExpiryWarningNotice notice) {
    if (sink == null) {
      return WebhookDelivery.DISABLED;
    }
    sink.post(EnvironmentCDEvents.body(LifecycleEvent.of(notice), settings.apiBaseUrl()));
    log.info("expiry warning {} delivered to the webhook", notice.id());
    return WebhookDelivery.DELIVERED;
  }

  /**
   * POSTs one CloudEvent body, signed, for runs that send their approval and sleep notices on the
   * webhook rather than as lifecycle events; {@code id} names it in the log.
   *
   * @return DISABLED when no webhook is configured
   */
  public WebhookDelivery post(String id, byte[] body) {
    if (sink == null) {
      return WebhookDelivery.DISABLED;
    }
    sink.post(body);
    log.info("notification {} delivered to the webhook", id);
    return WebhookDelivery.DELIVERED;
  }
}
