package dev.envforge.client;

import dev.envforge.workflows.environment.ExpiryWarning;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.lifecycle.ApprovalState;
import dev.envforge.workflows.lifecycle.SleepState;
import dev.envforge.workflows.request.EnvironmentRequest;
import java.time.Instant;
import java.util.List;

/**
 * An environment as the API answers it ({@code EnvironmentView} on the server). Its parts are the
 * records the server itself uses; a contract test in the API's module keeps the two in step. Names
 * and addresses only: the database's credentials stay in the Secret {@code secretName}; {@code
 * grants} lists the developers' credentials handed out (never a token); {@code components} the Dapr
 * components of its capabilities; {@code approval} is null when none was needed, {@code sleep} null
 * if it never slept and has no schedule.
 */
public record Environment(
    String team,
    String name,
    String environmentId,
    String workflowId,
    String runId,
    Phase phase,
    EnvironmentRequest request,
    List<EnvironmentStep> steps,
    String cluster,
    String namespace,
    String secretName,
    String databaseName,
    String databaseHost,
    Integer databasePort,
    List<dev.envforge.workflows.activities.DaprComponent> components,
    Instant createdAt,
    Instant readyAt,
    Instant expiresAt,
    boolean expiring,
    boolean keep,
    ExpiryWarning warning,
    String reason,
    List<dev.envforge.workflows.access.AccessGrant> grants,
    ApprovalState approval,
    SleepState sleep,
    String temporalUiUrl) {

  public Environment {
    steps = steps == null ? List.of() : List.copyOf(steps);
    components = components == null ? List.of() : List.copyOf(components);
    grants = grants == null ? List.of() : List.copyOf(grants);
  }

  /** {@code team/name}, as the CLI and people write it. */
  public String ref() {
    return team + "/" + name;
  }
}
