package dev.envforge.activities.events;

import dev.cdevents.CDEvents;
import dev.cdevents.events.EnvironmentCreatedCDEvent;
import dev.cdevents.events.EnvironmentDeletedCDEvent;
import dev.cdevents.events.EnvironmentModifiedCDEvent;
import dev.cdevents.models.CDEvent;
import dev.envforge.workflows.activities.LifecycleChange;
import dev.envforge.workflows.activities.LifecycleEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lifecycle change as a CDEvent of the environment subject (built and checked against the spec's
 * schema with the CDEvents SDK), wrapped in a CloudEvents 1.0 event in structured JSON mode. Pure:
 * the same change gives the same bytes, so a retried POST carries the same body, signature and
 * {@code id}, and the CloudEvent's {@code id}, {@code source} and {@code type} are the CDEvent's,
 * as the CDEvents CloudEvents binding asks.
 */
public final class EnvironmentCDEvents {

  public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

  /** The source of every event: envforge's environments. */
  public static final URI SOURCE = URI.create("/envforge/environments");

  private static final EventFormat FORMAT =
      EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

  private EnvironmentCDEvents() {}

  /**
   * @param apiBaseUrl the API's public address, for the environment's URL and where to extend; null
   *     gives only the paths
   */
  public static CloudEvent cloudEvent(LifecycleEvent event, URI apiBaseUrl) {
    CDEvent cdEvent = cdEvent(event, apiBaseUrl);
    if (!CDEvents.validateCDEvent(cdEvent)) {
      throw new IllegalStateException(
          "the " + event.change().label() + " event of " + event.environmentId() + " is invalid");
    }
    byte[] data = CDEvents.cdEventAsJson(cdEvent).getBytes(StandardCharsets.UTF_8);
    return CloudEventBuilder.v1()
        .withId(event.id())
        .withSource(SOURCE)
        .withType(cdEvent.currentCDEventType())
        .withSubject(event.environmentId())
        .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
        .withDataContentType("application/json")
        .withData(data)
        .build();
  }

  /** The event as the body of a structured-mode POST ({@value #CONTENT_TYPE}). */
  public static byte[] body(LifecycleEvent event, URI apiBaseUrl) {
    return FORMAT.serialize(cloudEvent(event, apiBaseUrl));
  }

  private static CDEvent cdEvent(LifecycleEvent event, URI apiBaseUrl) {
    String url = apiUrl(apiBaseUrl, environmentPath(event));
    Date timestamp = Date.from(event.occurredAt());
    Map<String, Object> custom = customData(event, apiBaseUrl);
    // The three subject types share no interface for their fields; each is filled alike.
    switch (event.change().predicate()) {
      case "created" -> {
        EnvironmentCreatedCDEvent created = new EnvironmentCreatedCDEvent();
        created.setSource(SOURCE);
        created.getContext().setId(event.id());
        created.getContext().setTimestamp(timestamp);
        created.setSubjectId(event.environmentId());
        created.setSubjectSource(SOURCE);
        created.setSubjectName(event.environmentId());
        created.setSubjectUrl(url);
        created.setCustomData(custom);
        return created;
      }
      case "modified" -> {
        EnvironmentModifiedCDEvent modified = new EnvironmentModifiedCDEvent();
        modified.setSource(SOURCE);
        modified.getContext().setId(event.id());
        modified.getContext().setTimestamp(timestamp);
        modified.setSubjectId(event.environmentId());
        modified.setSubjectSource(SOURCE);
        modified.setSubjectName(event.environmentId());
        modified.setSubjectUrl(url);
        modified.setCustomData(custom);
        return modified;
      }
      case "deleted" -> {
        EnvironmentDeletedCDEvent deleted = new EnvironmentDeletedCDEvent();
        deleted.setSource(SOURCE);
        deleted.getContext().setId(event.id());
        deleted.getContext().setTimestamp(timestamp);
        deleted.setSubjectId(event.environmentId());
        deleted.setSubjectSource(SOURCE);
        deleted.setSubjectName(event.environmentId());
        deleted.setCustomData(custom);
        return deleted;
      }
      default ->
          throw new IllegalArgumentException(
              "no environment event for the predicate " + event.change().predicate());
    }
  }

  /** What envforge adds to the spec's fields: which change, and the environment's facts. */
  static Map<String, Object> customData(LifecycleEvent event, URI apiBaseUrl) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("change", event.change().label());
    data.put("team", event.team());
    data.put("name", event.name());
    data.put("cluster", event.cluster());
    data.put("namespace", event.namespace());
    data.put("workflowId", event.workflowId());
    data.put("expiresAt", event.expiresAt() == null ? null : event.expiresAt().toString());
    if (event.actor() != null) {
      data.put("actor", event.actor());
    }
    if (event.reason() != null) {
      data.put("reason", event.reason());
    }
    if (event.change() == LifecycleChange.EXPIRING) {
      // POST here with {"by":"PT2H"} (or {"until":...}) to extend.
      data.put("extendUrl", apiUrl(apiBaseUrl, environmentPath(event) + "/extend"));
    }
    return data;
  }

  private static String environmentPath(LifecycleEvent event) {
    return "/api/v1/environments/" + event.team() + "/" + event.name();
  }

  private static String apiUrl(URI apiBaseUrl, String path) {
    if (apiBaseUrl == null) {
      return path;
    }
    String base = apiBaseUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }
}
