package dev.envforge.workflows.lifecycle;

import java.util.List;

/**
 * What one sleep or wake did in a namespace.
 *
 * @param changed the workloads scaled (to zero on sleep, back on wake), with the recorded count
 * @param leftAsIs workloads not touched, as {@code Kind/name}: on sleep those already asleep; on
 *     wake those with no recorded count (created while asleep)
 */
public record WorkloadChange(List<WorkloadReplicas> changed, List<String> leftAsIs) {

  public WorkloadChange {
    changed = changed == null ? List.of() : List.copyOf(changed);
    leftAsIs = leftAsIs == null ? List.of() : List.copyOf(leftAsIs);
  }
}
