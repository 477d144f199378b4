package dev.envforge.starter.api;

import dev.envforge.starter.environments.ObservedEnvironment;
import dev.envforge.workflows.access.AccessGrant;
import dev.envforge.workflows.activities.DaprComponent;
import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.ExpiryWarning;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.lifecycle.ApprovalState;
import dev.envforge.workflows.lifecycle.SleepState;
import dev.envforge.workflows.request.EnvironmentRequest;
import java.time.Instant;
import java.util.List;

/**
 * An environment as the API shows it. Carries names and addresses only: the database's credentials
 * are in the Secret {@code secretName} in {@code namespace}, never here.
 *
 * @param request the request the environment was started with, defaults filled in
 * @param expiresAt null for a kept environment, which does not expire
 * @param expiring true once the expiry warning period has begun
 * @param keep the environment is kept: it never expires by TTL and lives until it is destroyed
 * @param warning the latest expiry warning sent and what became of it (the Kubernetes Event, the
 *     webhook); null if none was sent
 * @param components the Dapr components of its capabilities, by name and type; empty when it has
 *     none
 * @param reason why the environment failed or was destroyed, if it was
 * @param grants developers' credentials handed out and not revoked: id, who, when, until when
 *     (never the token); empty when there are none
 * @param approval who asked, when, and the approver's decision; null when none was needed
 * @param sleep what the last sleep or wake did and the schedule's next change; null if it never
 *     slept and has no schedule
 * @param temporalUiUrl the run's history in the Temporal UI
 */
public record EnvironmentView(
    String team,
    String name,
    String environmentId,
    String workflowId,
    String runId,
    Phase phase,
    EnvironmentRequest request,
    List<StepView> steps,
    String cluster,
    String namespace,
    String secretName,
    String databaseName,
    String databaseHost,
    Integer databasePort,
    List<DaprComponent> components,
    Instant createdAt,
    Instant readyAt,
    Instant expiresAt,
    boolean expiring,
    boolean keep,
    ExpiryWarning warning,
    String reason,
    List<AccessGrant> grants,
    ApprovalState approval,
    SleepState sleep,
    String temporalUiUrl) {

  public static EnvironmentView of(ObservedEnvironment environment, TemporalUiLinks links) {
    EnvironmentStatus status = environment.status();
    EnvironmentOutputs outputs =
        status.outputs() == null ? EnvironmentOutputs.empty() : status.outputs();
    List<StepView> steps =
        status.steps() == null ? List.of() : status.steps().stream().map(StepView::of).toList();
    return new EnvironmentView(
        environment.team(),
        environment.name(),
        status.environmentId(),
        environment.workflowId(),
        environment.runId(),
        status.phase(),
        status.request(),
        steps,
        outputs.cluster(),
        outputs.namespace(),
        outputs.secretName(),
        outputs.databaseName(),
        outputs.databaseHost(),
        outputs.databasePort(),
        outputs.components() == null ? List.of() : outputs.components(),
        status.createdAt(),
        status.readyAt(),
        status.expiresAt(),
        status.expiring(),
        status.request() != null && status.request().keep(),
        status.warning(),
        status.reason(),
        status.grants() == null ? List.of() : status.grants(),
        status.approval(),
        status.sleep(),
        links.run(environment.workflowId(), environment.runId()));
  }
}
