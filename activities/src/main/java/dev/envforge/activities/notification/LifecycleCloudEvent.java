package dev.envforge.activities.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envforge.workflows.activities.LifecycleNotice;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lifecycle notice (approval asked for or decided, sleep, wake) of a run from before lifecycle
 * events as a CloudEvents 1.0 event in structured JSON mode, on the notification webhook (newer
 * runs announce these changes as CDEvents). Its type is {@value #TYPE_PREFIX} followed by the
 * notice's kind. Pure: the same notice gives the same bytes.
 */
public final class LifecycleCloudEvent {

  public static final String TYPE_PREFIX = "dev.envforge.environment.";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The envelope the webhook notices of runs from before lifecycle events had. */
  private static final String SPEC_VERSION = "1.0";

  private static final String SOURCE = "urn:envforge:environments";

  private LifecycleCloudEvent() {}

  public static byte[] body(LifecycleNotice notice) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("environmentId", notice.environmentId());
    data.put("team", notice.team());
    data.put("name", notice.name());
    data.put("workflowId", notice.workflowId());
    data.put("actor", notice.actor());
    data.put("detail", notice.detail());

    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", SPEC_VERSION);
    event.put("id", notice.id());
    event.put("source", SOURCE);
    event.put("type", TYPE_PREFIX + notice.kind());
    event.put("subject", notice.environmentId());
    event.put("time", DateTimeFormatter.ISO_INSTANT.format(notice.at()));
    event.put("datacontenttype", "application/json");
    event.put("data", data);
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the lifecycle CloudEvent", e);
    }
  }
}
