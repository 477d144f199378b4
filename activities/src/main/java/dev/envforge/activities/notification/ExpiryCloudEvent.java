package dev.envforge.activities.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An expiry warning as a CloudEvents 1.0 event in structured JSON mode ({@code
 * application/cloudevents+json}): the attributes and the data in one JSON body. Pure: the same
 * notice gives the same bytes, so a retried POST carries the same body, signature and {@code id}.
 */
public final class ExpiryCloudEvent {

  public static final String CONTENT_TYPE = "application/cloudevents+json";
  public static final String SPEC_VERSION = "1.0";
  public static final String TYPE = "dev.envforge.environment.expiring";
  public static final String SOURCE = "urn:envforge:environments";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExpiryCloudEvent() {}

  /**
   * @param apiBaseUrl the API's public address; null gives only the extend endpoint's path
   */
  public static byte[] body(ExpiryWarningNotice notice, URI apiBaseUrl) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("environmentId", notice.environmentId());
    data.put("team", notice.team());
    data.put("name", notice.name());
    data.put("cluster", notice.cluster() == null ? null : notice.cluster().name());
    data.put("namespace", notice.namespace());
    data.put("expiresAt", instant(notice));
    data.put("workflowId", notice.workflowId());
    data.put("extendUrl", extendUrl(notice, apiBaseUrl));

    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", SPEC_VERSION);
    event.put("id", notice.id());
    event.put("source", SOURCE);
    event.put("type", TYPE);
    event.put("subject", notice.environmentId());
    event.put("time", DateTimeFormatter.ISO_INSTANT.format(notice.warnedAt()));
    event.put("datacontenttype", "application/json");
    event.put("data", data);
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the expiry CloudEvent", e);
    }
  }

  /** {@code POST} here with {@code {"by":"PT2H"}} (or {@code {"until":...}}) to extend. */
  static String extendUrl(ExpiryWarningNotice notice, URI apiBaseUrl) {
    String path = "/api/v1/environments/" + notice.team() + "/" + notice.name() + "/extend";
    if (apiBaseUrl == null) {
      return path;
    }
    String base = apiBaseUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }

  private static String instant(ExpiryWarningNotice notice) {
    return DateTimeFormatter.ISO_INSTANT.format(notice.expiresAt());
  }
}
