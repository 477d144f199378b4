package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** The environment's namespace and the guardrails inside it, by server-side apply. */
@ActivityInterface
public interface NamespaceActivities {
  /** Applies the Namespace; fails with {@code NAMESPACE_CONFLICT} if another owner has it. */
  void ensureNamespace(NamespaceSpec spec);

  /** Applies ResourceQuota, LimitRange, NetworkPolicy and the team's RoleBinding. */
  void applyGuardrails(NamespaceSpec spec);

  /** Rewrites the namespace's expiry annotation after an extend. */
  void annotateExpiry(NamespaceSpec spec);

  /**
   * Deletes the namespace and waits, heartbeating, until it is really gone; NotFound is done. A
   * namespace that outlasts the configured patience fails with {@code NAMESPACE_STUCK}.
   */
  void deleteNamespace(NamespaceSpec spec);
}
