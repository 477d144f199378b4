package dev.envforge.worker.config;

import dev.envforge.activities.notification.WebhookSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code envforge.notifications.*}: where expiry warnings go besides the Kubernetes Event.
 *
 * @param apiBaseUrl the API's public address, named in notifications as where to extend
 */
public record NotificationsProperties(@DefaultValue Webhook webhook, URI apiBaseUrl) {

  /**
   * @param url the webhook; empty turns it off
   * @param secretFile file holding the HMAC-SHA256 key the notifications are signed with
   * @param timeout for one POST
   */
  public record Webhook(String url, Path secretFile, @DefaultValue("PT10S") Duration timeout) {}

  public WebhookSettings settings() {
    String url = webhook.url() == null || webhook.url().isBlank() ? null : webhook.url().trim();
    return new WebhookSettings(
        url == null ? null : URI.create(url), webhook.secretFile(), webhook.timeout(), apiBaseUrl);
  }
}
