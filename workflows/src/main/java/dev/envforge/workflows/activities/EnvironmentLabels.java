package dev.envforge.workflows.activities;

import java.time.Instant;

/**
 * The identity stamped on everything envforge creates: labels and annotations in Kubernetes,
 * comments in Postgres.
 *
 * @param expiresAt null for a kept environment, which does not expire
 * @param keep the environment is kept: it carries the label {@value #KEEP}{@code =true}
 */
public record EnvironmentLabels(
    String environmentId, String team, String workflowId, Instant expiresAt, boolean keep) {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "envforge";
  public static final String ENVIRONMENT = "envforge.dev/environment";
  public static final String TEAM = "envforge.dev/team";
  public static final String EXPIRES_AT = "envforge.dev/expires-at";
  public static final String WORKFLOW_ID = "envforge.dev/workflow-id";
  public static final String KEEP = "envforge.dev/keep";
  public static final String KEEP_VALUE = "true";

  /** The identity of an environment that is not kept. */
  public EnvironmentLabels(
      String environmentId, String team, String workflowId, Instant expiresAt) {
    this(environmentId, team, workflowId, expiresAt, false);
  }
}
