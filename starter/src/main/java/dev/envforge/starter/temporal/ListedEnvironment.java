package dev.envforge.starter.temporal;

import dev.envforge.workflows.environment.Phase;
import java.time.Instant;

/**
 * One environment as visibility knows it: from search attributes, without asking its workflow.
 *
 * @param open whether the run is still running (DESTROYED and FAILED runs are closed)
 */
public record ListedEnvironment(
    String team,
    String name,
    String workflowId,
    String runId,
    Phase phase,
    String cluster,
    Instant expiresAt,
    boolean open,
    Instant startedAt,
    Instant closedAt) {}
