package dev.envforge.activities.notification;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where expiry warnings are POSTed and how they are signed.
 *
 * @param url the webhook; null turns the webhook off
 * @param secretFile a file holding the HMAC-SHA256 key (its content, without a trailing newline);
 *     read at every send, so a rotated Secret takes effect without a restart
 * @param timeout how long one POST may take, connection included
 * @param apiBaseUrl the API's public address, to tell receivers where to extend (null: only the
 *     path is given)
 */
public record WebhookSettings(URI url, Path secretFile, Duration timeout, URI apiBaseUrl) {

  public WebhookSettings {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    if (url != null) {
      String scheme = url.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException(
            "envforge.notifications.webhook.url must be an http or https URL");
      }
      if (secretFile == null) {
        throw new IllegalArgumentException(
            "envforge.notifications.webhook.url is set but"
                + " envforge.notifications.webhook.secret-file (ENVFORGE_WEBHOOK_SECRET_FILE) is"
                + " not: notifications are always signed");
      }
    }
  }

  public static WebhookSettings off() {
    return new WebhookSettings(null, null, null, null);
  }

  public boolean enabled() {
    return url != null;
  }
}
