package dev.envforge.starter.environments;

import dev.envforge.workflows.environment.EnvironmentStatus;

/** An environment's status together with the run it came from. */
public record ObservedEnvironment(
    String team, String name, String workflowId, String runId, EnvironmentStatus status) {}
