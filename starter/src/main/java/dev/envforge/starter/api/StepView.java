package dev.envforge.starter.api;

import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepState;
import dev.envforge.workflows.environment.StepStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * One provisioning step.
 *
 * @param durationMillis from start to end, once the step has ended
 * @param attempts how often the step was tried; more than one means transient failures
 * @param lastError the latest failure of the step, if any
 */
public record StepView(
    Step step,
    StepStatus status,
    Instant startedAt,
    Instant endedAt,
    Long durationMillis,
    int attempts,
    String lastError) {

  static StepView of(StepState state) {
    Long duration =
        state.startedAt() == null || state.endedAt() == null
            ? null
            : Duration.between(state.startedAt(), state.endedAt()).toMillis();
    return new StepView(
        state.step(),
        state.status(),
        state.startedAt(),
        state.endedAt(),
        duration,
        state.attempts(),
        state.lastError());
  }
}
