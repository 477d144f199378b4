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
 * @param reason why it was deleted or rejected, if it was; never a secret
 * @param actor who made the change (an approver, a caller who put it to sleep, {@code schedule}),
 *     where a person or the schedule did; null otherwise
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
    String reason,
    String actor) {

  /** A change nobody in particular made (READY, an extend, the expiry, a teardown). */
  public LifecycleEvent(
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
    this(
        id,
        change,
        environmentId,
        team,
        name,
        cluster,
        namespace,
        workflowId,
        occurredAt,
        expiresAt,
        reason,
        null);
  }

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
