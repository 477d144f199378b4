package dev.envforge.workflows.environment;

import java.time.Instant;

/** One step as the status query reports it. */
public record StepState(
    Step step,
    StepStatus status,
    Instant startedAt,
    Instant endedAt,
    int attempts,
    String lastError) {

  public static StepState pending(Step step) {
    return new StepState(step, StepStatus.PENDING, null, null, 0, null);
  }
}
