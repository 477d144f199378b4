package dev.envforge.workflows.activities;

import java.time.Instant;

/**
 * One warning that an environment is about to expire, as the workflow decided it. Everything in it
 * is deterministic, so a retried or replayed warning carries the same {@code id}: receivers use it
 * to drop duplicates, and the Kubernetes Event's name is derived from it.
 *
 * @param id unique per run and expiry: {@code <workflowId>/<runId>/expiring/<expiresAt>}
 * @param cluster where the namespace lives
 * @param warnedAt the workflow's time when the warning was decided
 */
public record ExpiryWarningNotice(
    String id,
    String environmentId,
    String team,
    String name,
    ClusterRef cluster,
    String namespace,
    String workflowId,
    Instant expiresAt,
    Instant warnedAt) {}
