package dev.envforge.workflows.environment;

import dev.envforge.workflows.access.AccessGrant;
import dev.envforge.workflows.lifecycle.ApprovalState;
import dev.envforge.workflows.lifecycle.SleepState;
import dev.envforge.workflows.request.EnvironmentRequest;
import java.time.Instant;
import java.util.List;

/**
 * The answer to the {@code status} query: phase, each step with timings and errors, outputs and
 * expiry.
 *
 * @param expiresAt null for a kept environment, which does not expire
 * @param expiring true once the expiry warning period has begun
 * @param reason why the environment failed or was destroyed, if it was
 * @param warning the latest expiry warning sent, or null if none was
 * @param grants the developers' credentials handed out and not revoked (never a token); null in
 *     statuses from before access existed
 * @param approval the approval it waited for; null when the policy asked for none
 * @param sleep what the last sleep or wake did, and the schedule's next change; null if it never
 *     slept and has no schedule
 */
public record EnvironmentStatus(
    String environmentId,
    EnvironmentRequest request,
    Phase phase,
    List<StepState> steps,
    EnvironmentOutputs outputs,
    Instant createdAt,
    Instant readyAt,
    Instant expiresAt,
    boolean expiring,
    String reason,
    ExpiryWarning warning,
    List<AccessGrant> grants,
    ApprovalState approval,
    SleepState sleep) {

  /** A status with grants, and neither an approval nor sleep. */
  public EnvironmentStatus(
      String environmentId,
      EnvironmentRequest request,
      Phase phase,
      List<StepState> steps,
      EnvironmentOutputs outputs,
      Instant createdAt,
      Instant readyAt,
      Instant expiresAt,
      boolean expiring,
      String reason,
      ExpiryWarning warning,
      List<AccessGrant> grants) {
    this(
        environmentId,
        request,
        phase,
        steps,
        outputs,
        createdAt,
        readyAt,
        expiresAt,
        expiring,
        reason,
        warning,
        grants,
        null,
        null);
  }

  /** A status with no grants. */
  public EnvironmentStatus(
      String environmentId,
      EnvironmentRequest request,
      Phase phase,
      List<StepState> steps,
      EnvironmentOutputs outputs,
      Instant createdAt,
      Instant readyAt,
      Instant expiresAt,
      boolean expiring,
      String reason,
      ExpiryWarning warning) {
    this(
        environmentId,
        request,
        phase,
        steps,
        outputs,
        createdAt,
        readyAt,
        expiresAt,
        expiring,
        reason,
        warning,
        List.of());
  }
}
