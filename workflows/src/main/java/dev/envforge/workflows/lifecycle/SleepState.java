package dev.envforge.workflows.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * What sleep last did to an environment's workloads, as its status shows it.
 *
 * @param asleep whether the environment sleeps now
 * @param changedAt when it last fell asleep or woke
 * @param changedBy who asked: a caller's name, or {@code schedule}
 * @param workloads the workloads the last sleep scaled to zero, or the last wake restored
 * @param leftAsIs workloads the last change did not touch: on waking, those created while asleep
 *     (they carry no recorded replica count)
 * @param nextScheduledChange when the profile's schedule changes the state next; null without one
 */
public record SleepState(
    boolean asleep,
    Instant changedAt,
    String changedBy,
    List<WorkloadReplicas> workloads,
    List<String> leftAsIs,
    Instant nextScheduledChange) {

  public SleepState {
    workloads = workloads == null ? List.of() : List.copyOf(workloads);
    leftAsIs = leftAsIs == null ? List.of() : List.copyOf(leftAsIs);
  }

  public SleepState withNextScheduledChange(Instant next) {
    return new SleepState(asleep, changedAt, changedBy, workloads, leftAsIs, next);
  }
}
