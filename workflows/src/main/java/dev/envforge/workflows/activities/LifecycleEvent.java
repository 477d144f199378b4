package dev.envforge.workflows.activities;

import java.time.Instant;

/**
 * One lifecycle change of an environment, as the workflow decided it. Everything in it is
 * deterministic, so a retried or replayed delivery carries the same {@code id}: receivers drop
 * duplicates by it.
 *
 * @param id unique per change: {@code <workflowId>/<runId>/<change>/<n>} (expiry warnings keep
 *     their notice's id)
 * @param occurredAt the workflow's time of the change
 * @param expiresAt the expiry after the change; null for a kept environment
 * @param reason why it was deleted, if it was; never a secret
 */
public record LifecycleEvent(
    String id,
    LifecycleChange change,
    String environmentId,
    String team,
    String name,
    String cluster,
    String namespace,
    String workflowId,
    Instant occurredAt,
    Instant expiresAt,
    String reason) {

  /** The expiry warning announced as a lifecycle change, with the notice's own id. */
  public static LifecycleEvent of(ExpiryWarningNotice notice) {
    return new LifecycleEvent(
        notice.id(),
        LifecycleChange.EXPIRING,
        notice.environmentId(),
        notice.team(),
        notice.name(),
        notice.cluster() == null ? null : notice.cluster().name(),
        notice.namespace(),
        notice.workflowId(),
        notice.warnedAt(),
        notice.expiresAt(),
        null);
  }
}
