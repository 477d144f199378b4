package dev.envforge.activities.kubernetes;

import dev.envforge.workflows.activities.EnvironmentLabels;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels and annotations on every Kubernetes object envforge creates. Pure. */
public final class ManagedMetadata {

  /** Server-side apply field manager for everything envforge writes. */
  public static final String FIELD_MANAGER = "envforge";

  private ManagedMetadata() {}

  public static Map<String, String> labels(EnvironmentLabels env) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE);
    labels.put(EnvironmentLabels.ENVIRONMENT, env.environmentId());
    labels.put(EnvironmentLabels.TEAM, env.team());
    if (env.keep()) {
      // A label, not an annotation, so that the reaper can select kept environments.
      labels.put(EnvironmentLabels.KEEP, EnvironmentLabels.KEEP_VALUE);
    }
    return labels;
  }

  public static Map<String, String> annotations(EnvironmentLabels env) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (env.expiresAt() != null) {
      annotations.put(
          EnvironmentLabels.EXPIRES_AT, DateTimeFormatter.ISO_INSTANT.format(env.expiresAt()));
    }
    annotations.put(EnvironmentLabels.WORKFLOW_ID, env.workflowId());
    return annotations;
  }

  /** True when the object's labels say it belongs to this very environment. */
  public static boolean ownedBy(Map<String, String> labels, EnvironmentLabels env) {
    return labels != null
        && EnvironmentLabels.MANAGED_BY_VALUE.equals(labels.get(EnvironmentLabels.MANAGED_BY))
        && env.environmentId().equals(labels.get(EnvironmentLabels.ENVIRONMENT));
  }
}
