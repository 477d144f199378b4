package dev.envforge.client;

import dev.envforge.workflows.environment.Phase;
import java.time.Instant;

/**
 * One environment in a list, from Temporal visibility ({@code EnvironmentListItemView} on the
 * server).
 *
 * @param open whether the run is still running (DESTROYED and FAILED runs are closed)
 * @param href the environment in this API
 */
public record EnvironmentListItem(
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

  public String ref() {
    return team + "/" + name;
  }
}
