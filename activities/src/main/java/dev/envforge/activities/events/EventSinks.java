package dev.envforge.activities.events;

import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.activities.WebhookDelivery;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers lifecycle events to every configured sink, skipping those that already took the event,
 * so that a retry after one sink failed does not send it to the others again.
 */
public final class EventSinks {

  private static final Logger log = LoggerFactory.getLogger(EventSinks.class);

  private final List<HttpEventSink> sinks;
  private final URI apiBaseUrl;

  /**
   * @param apiBaseUrl the API's public address, named in the events; null gives only paths
   */
  public EventSinks(List<EventSink> sinks, URI apiBaseUrl) {
    this.sinks = sinks.stream().map(HttpEventSink::new).toList();
    this.apiBaseUrl = apiBaseUrl;
  }

  public int count() {
    return sinks.size();
  }

  /**
   * POSTs the event to each sink whose index is not in {@code delivered}, in order, and reports
   * each that accepted it; stops at the first that fails, by throwing its failure.
   */
  public WebhookDelivery deliver(
      LifecycleEvent event, Set<Integer> delivered, IntConsumer accepted) {
    if (sinks.isEmpty()) {
      return WebhookDelivery.DISABLED;
    }
    byte[] body = EnvironmentCDEvents.body(event, apiBaseUrl);
    for (int i = 0; i < sinks.size(); i++) {
      if (delivered.contains(i)) {
        continue;
      }
      HttpEventSink sink = sinks.get(i);
      sink.post(body);
      log.info("event {} delivered to {}", event.id(), sink.sink().host());
      accepted.accept(i);
    }
    return WebhookDelivery.DELIVERED;
  }
}
