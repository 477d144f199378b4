package dev.envforge.activities.reaper;

import dev.envforge.workflows.reaper.EnvironmentClass;
import java.time.Duration;
import java.time.Instant;

/** Decides the class of one managed namespace. Pure. */
final class NamespaceClassifier {

  private NamespaceClassifier() {}

  /**
   * In this order: a namespace already being deleted is left to that; a running workflow looks
   * after its own namespace; a kept one is never touched; past its expiry it is expired; too young
   * to judge (its workflow may be just starting, or visibility lagging) it is recent; otherwise an
   * orphan.
   */
  static EnvironmentClass classify(
      NamespaceFacts namespace, WorkflowState workflow, Instant now, Duration orphanGrace) {
    if (namespace.terminating()) {
      return EnvironmentClass.TERMINATING;
    }
    if (workflow == WorkflowState.RUNNING) {
      return EnvironmentClass.LIVE;
    }
    if (namespace.kept()) {
      return EnvironmentClass.KEPT;
    }
    if (namespace.expiresAt() != null && !now.isBefore(namespace.expiresAt())) {
      return EnvironmentClass.EXPIRED;
    }
    if (namespace.createdAt() == null || now.isBefore(namespace.createdAt().plus(orphanGrace))) {
      return EnvironmentClass.RECENT;
    }
    return EnvironmentClass.ORPHAN;
  }
}
