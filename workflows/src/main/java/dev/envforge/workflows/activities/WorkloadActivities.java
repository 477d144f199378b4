package dev.envforge.workflows.activities;

import dev.envforge.workflows.lifecycle.WorkloadChange;
import io.temporal.activity.ActivityInterface;

/**
 * Puts an environment's workloads to sleep and wakes them: every Deployment and StatefulSet in its
 * namespace, nothing else. Both are idempotent: the count before sleep is kept on the object itself
 * (annotation {@value #REPLICAS_ANNOTATION}), so a repeated sleep finds it already recorded and a
 * repeated wake finds nothing left to restore.
 */
@ActivityInterface
public interface WorkloadActivities {

  /** Where sleep records a workload's replica count; wake restores it and removes it. */
  String REPLICAS_ANNOTATION = "envforge.dev/replicas-before-sleep";

  /** Records each workload's replicas in its annotation and scales it to zero. */
  WorkloadChange sleep(NamespaceSpec spec);

  /** Scales each workload back to its recorded count and removes the record. */
  WorkloadChange wake(NamespaceSpec spec);
}
