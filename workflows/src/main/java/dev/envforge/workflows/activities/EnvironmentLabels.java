package dev.envforge.workflows.activities;

import java.time.Instant;

/**
 * The identity stamped on everything envforge creates: labels and annotations in Kubernetes,
 * comments in Postgres.
 */
public record EnvironmentLabels(
    String environmentId, String team, String workflowId, Instant expiresAt) {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "envforge";
  public static final String ENVIRONMENT = "envforge.dev/environment";
  public static final String TEAM = "envforge.dev/team";
  public static final String EXPIRES_AT = "envforge.dev/expires-at";
  public static final String WORKFLOW_ID = "envforge.dev/workflow-id";
  public static final String KEEP = "envforge.dev/keep";
}
