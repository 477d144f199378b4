package dev.envforge.client;

import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepStatus;
import java.time.Instant;

/**
 * One provisioning step as the API answers it ({@code StepView} on the server).
 *
 * @param durationMillis from start to end, once the step has ended
 * @param attempts how often the step was tried; more than one means transient failures
 */
public record EnvironmentStep(
    Step step,
    StepStatus status,
    Instant startedAt,
    Instant endedAt,
    Long durationMillis,
    int attempts,
    String lastError) {}
