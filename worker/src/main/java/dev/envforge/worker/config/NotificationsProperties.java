package dev.envforge.worker.config;

import dev.envforge.activities.events.EventSink;
import dev.envforge.activities.notification.WebhookSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code envforge.notifications.*}: where environments' lifecycle events (CDEvents) go, the expiry
 * warning among them.
 *
 * @param webhook the first sink, kept under the name it had when it carried only expiry warnings
 * @param sinks further sinks
 * @param apiBaseUrl the API's public address, named in events as the environment's URL and where to
 *     extend
 */
public record NotificationsProperties(
    @DefaultValue Webhook webhook, List<Sink> sinks, URI apiBaseUrl) {

  /**
   * @param url the webhook; empty turns it off
   * @param secretFile file holding the HMAC-SHA256 key the notifications are signed with
   * @param timeout for one POST
   */
  public record Webhook(String url, Path secretFile, @DefaultValue("PT10S") Duration timeout) {}

  /**
   * @param url where events are POSTed
   * @param secretFile file holding the HMAC-SHA256 key the events are signed with
   * @param timeout for one POST
   */
  public record Sink(String url, Path secretFile, @DefaultValue("PT10S") Duration timeout) {}

  public WebhookSettings settings() {
    String url = webhook.url() == null || webhook.url().isBlank() ? null : webhook.url().trim();
    return new WebhookSettings(
        url == null ? null : URI.create(url), webhook.secretFile(), webhook.timeout(), apiBaseUrl);
  }

  /** Every sink, the webhook first; a sink without a url is refused, naming its setting. */
  public List<EventSink> eventSinks() {
    List<EventSink> all = new ArrayList<>();
    WebhookSettings first = settings();
    if (first.enabled()) {
      all.add(new EventSink(first.url(), first.secretFile(), first.timeout()));
    }
    List<Sink> more = sinks == null ? List.of() : sinks;
    for (int i = 0; i < more.size(); i++) {
      Sink sink = more.get(i);
      if (sink.url() == null || sink.url().isBlank()) {
        throw new IllegalArgumentException("envforge.notifications.sinks[" + i + "].url is empty");
      }
      try {
        all.add(new EventSink(URI.create(sink.url().trim()), sink.secretFile(), sink.timeout()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "envforge.notifications.sinks[" + i + "]: " + e.getMessage(), e);
      }
    }
    return all;
  }
}
