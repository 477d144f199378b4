package dev.envforge.workflows.reaper;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespaces whose deletion a sweep's teardowns requested, and the confirmation that they are
 * gone: one heartbeating wait per cluster for all of them, so that the controller-manager deletes
 * them as fast as it can while no teardown holds a place in the sweep's window. A namespace counts
 * as torn down only once the wait saw it gone; one still there when the wait's patience ran out is
 * reported as failed, with what keeps it.
 */
final class SweepDeletions {

  private final NamespaceDeletionActivities deletions =
      Workflow.newActivityStub(NamespaceDeletionActivities.class, ReaperActivityOptions.AWAIT_GONE);

  /** By cluster, sorted, so that the waits are scheduled in the same order on every replay. */
  private final Map<String, List<AbandonedNamespace>> requested = new TreeMap<>();

  void requested(AbandonedNamespace namespace) {
    requested.computeIfAbsent(namespace.cluster(), cluster -> new ArrayList<>()).add(namespace);
  }

  /** Waits for every cluster's namespaces at once and records each one's outcome in the tally. */
  void confirm(SweepTally tally) {
    List<Promise<Void>> waits = new ArrayList<>();
    requested.forEach(
        (cluster, namespaces) -> {
          DeletionWatch watch =
              new DeletionWatch(
                  cluster,
                  namespaces.stream()
                      .map(n -> new RequestedDeletion(n.namespace(), n.uid()))
                      .toList(),
                  namespaces.get(0).dedicated());
          waits.add(
              Async.function(deletions::awaitNamespacesGone, watch)
                  .handle(
                      (stuck, failure) -> {
                        record(namespaces, stuck, failure, tally);
                        return null;
                      }));
        });
    Promise.allOf(waits).get();
  }

  private static void record(
      List<AbandonedNamespace> namespaces,
      List<StuckNamespace> stuck,
      RuntimeException failure,
      SweepTally tally) {
    if (failure != null) {
      String why =
          "its deletion was requested but could not be confirmed: "
              + SweepActions.rootMessage(failure);
      namespaces.forEach(n -> tally.acted(SweepActions.of(n, ActionOutcome.FAILED, why)));
      return;
    }
    Map<String, String> stuckReasons = new HashMap<>();
    if (stuck != null) {
      stuck.forEach(s -> stuckReasons.put(s.namespace(), s.reason()));
    }
    for (AbandonedNamespace namespace : namespaces) {
      String reason = stuckReasons.get(namespace.namespace());
      tally.acted(
          reason == null
              ? SweepActions.of(namespace, ActionOutcome.TORN_DOWN, null)
              : SweepActions.of(namespace, ActionOutcome.FAILED, reason));
    }
  }
}
