package dev.envforge.workflows.reaper;

import dev.envforge.workflows.activities.NamespaceSpec;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Namespace deletion in two halves, so that a sweep can request many deletions quickly and wait for
 * all of them once, instead of one wait per namespace.
 */
@ActivityInterface
public interface NamespaceDeletionActivities {

  /**
   * Requests the deletion of the environment's namespace and returns at once: a short call. A
   * namespace that is gone, already terminating or not the environment's own is left as it is.
   */
  void requestNamespaceDeletion(NamespaceSpec spec);

  /**
   * Waits, heartbeating, until every namespace of the watch is gone. The patience (the worker's
   * configured deletion patience) starts again whenever one of them goes, so a long queue at the
   * controller-manager is not mistaken for a hang; the ones still there when it runs out are
   * returned as stuck. Returns an empty list when all are gone.
   */
  List<StuckNamespace> awaitNamespacesGone(DeletionWatch watch);
}
