package dev.envforge.activities.crossplane.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One Crossplane condition, e.g. {@code Ready=True (Available)} or {@code Synced=False
 * (ReconcileError)}. {@code lastTransitionTime} stays an RFC 3339 string, as on the wire.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompositeCondition(
    @JsonProperty(value = "type", required = true) String type,
    @JsonProperty(value = "status", required = true) String status,
    @JsonProperty(value = "reason", required = true) String reason,
    @JsonProperty("message") String message,
    @JsonProperty(value = "lastTransitionTime", required = true) String lastTransitionTime) {

  public static final String READY = "Ready";
  public static final String SYNCED = "Synced";

  @JsonIgnore
  public boolean isTrue() {
    return "True".equals(status);
  }

  @JsonIgnore
  public boolean isFalse() {
    return "False".equals(status);
  }

  /** {@code Ready=False (Creating): message}, for heartbeats and failure messages. */
  @JsonIgnore
  public String describe() {
    String text = type + "=" + status + (reason == null ? "" : " (" + reason + ")");
    return message == null || message.isBlank() ? text : text + ": " + message;
  }
}
