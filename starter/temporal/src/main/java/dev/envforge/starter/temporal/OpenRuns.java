package dev.envforge.starter.temporal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The run of each environment that this replica last saw open and settled in for a while
 * (provisioning or ready). Temporal keeps at most one open run per workflow id, so while such a run
 * is still open it is the latest one, and a read or an update can go to it straight away instead of
 * first describing the workflow to find it. A remembered run that has closed since is found out by
 * the next call to it, and forgotten.
 *
 * <p>Bounded: the least recently used runs are forgotten first, and forgetting costs only a
 * describe.
 */
final class OpenRuns {

  private final Map<String, String> runIdsByWorkflowId;

  OpenRuns(int capacity) {
    this.runIdsByWorkflowId =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized Optional<String> runId(String workflowId) {
    return Optional.ofNullable(runIdsByWorkflowId.get(workflowId));
  }

  synchronized void remember(String workflowId, String runId) {
    runIdsByWorkflowId.put(workflowId, runId);
  }

  /** Forgets the run, unless a newer run of the workflow has been remembered meanwhile. */
  synchronized void forget(String workflowId, String runId) {
    runIdsByWorkflowId.remove(workflowId, runId);
  }

  synchronized void forgetAny(String workflowId) {
    runIdsByWorkflowId.remove(workflowId);
  }
}
