package dev.envforge.starter.api;

import dev.envforge.starter.environments.ListedEnvironment;
import dev.envforge.workflows.environment.Phase;
import java.time.Instant;

/** One environment in a list, from Temporal visibility (its search attributes). */
public record EnvironmentListItemView(
    String team,
    String name,
    String workflowId,
    String runId,
    Phase phase,
    String cluster,
    Instant expiresAt,
    boolean open,
    Instant startedAt,
    Instant closedAt,
    String href,
    String temporalUiUrl) {

  static EnvironmentListItemView of(ListedEnvironment listed, TemporalUiLinks links) {
    return new EnvironmentListItemView(
        listed.team(),
        listed.name(),
        listed.workflowId(),
        listed.runId(),
        listed.phase(),
        listed.cluster(),
        listed.expiresAt(),
        listed.open(),
        listed.startedAt(),
        listed.closedAt(),
        EnvironmentController.location(listed.team(), listed.name()),
        links.run(listed.workflowId(), listed.runId()));
  }
}
