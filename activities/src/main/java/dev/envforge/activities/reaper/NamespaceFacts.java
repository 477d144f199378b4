package dev.envforge.activities.reaper;

import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What a managed namespace tells about its environment, read from its labels and annotations. Pure.
 *
 * @param expiresAt null when the annotation is missing or unreadable: such a namespace never counts
 *     as expired, only (after the grace period) as an orphan
 */
record NamespaceFacts(
    String name,
    String uid,
    Instant createdAt,
    boolean terminating,
    boolean kept,
    String environmentId,
    String team,
    String workflowId,
    Instant expiresAt) {

  static NamespaceFacts of(Namespace namespace) {
    return of(namespace.getMetadata());
  }

  /** The same facts of any object envforge labels: its environment, expiry, keep and workflow. */
  static NamespaceFacts of(ObjectMeta metadata) {
    Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
    Map<String, String> annotations =
        metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
    return new NamespaceFacts(
        metadata.getName(),
        metadata.getUid(),
        instant(metadata.getCreationTimestamp()),
        metadata.getDeletionTimestamp() != null,
        "true".equals(labels.get(EnvironmentLabels.KEEP)),
        labels.getOrDefault(EnvironmentLabels.ENVIRONMENT, metadata.getName()),
        labels.get(EnvironmentLabels.TEAM),
        blankToNull(annotations.get(EnvironmentLabels.WORKFLOW_ID)),
        instant(annotations.get(EnvironmentLabels.EXPIRES_AT)));
  }

  private static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
