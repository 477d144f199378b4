package dev.envforge.operator.reconcile;

import dev.envforge.operator.resource.Environment;
import dev.envforge.operator.resource.EnvironmentState;
import dev.envforge.operator.resource.EnvironmentState.StepSummary;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.environment.StepState;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Builds a resource's status from what the workflow reports, or from a refusal. Pure. */
public final class EnvironmentStates {

  private EnvironmentStates() {}

  /** Where a resource's environment runs and how to see it. */
  public record Run(String team, String workflowId, String runId, String temporalUiUrl) {}

  /**
   * Nothing started (or nothing more done) for the reason given; what the resource followed before,
   * if anything, stays in its status.
   */
  public static EnvironmentState refused(
      Environment resource, String team, Refusal refusal, Instant now) {
    EnvironmentState before = resource.getStatus();
    long generation = generation(resource);
    List<Condition> conditions =
        new Conditions(before == null ? null : before.conditions(), generation, now)
            .set(Conditions.READY, false, refusal.reason(), refusal.message())
            .set(Conditions.FAILED, true, refusal.reason(), refusal.message())
            .list();
    if (before == null) {
      return new EnvironmentState(
          null, team, null, null, null, null, null, null, null, generation, conditions);
    }
    return new EnvironmentState(
        before.phase(),
        team,
        before.namespace(),
        before.secretName(),
        before.expiresAt(),
        before.workflowId(),
        before.runId(),
        before.temporalUiUrl(),
        before.steps(),
        generation,
        conditions);
  }

  /**
   * The status of a resource that follows a run.
   *
   * @param specRefusal why the resource's current spec is not what the environment runs with, or
   *     null if it is
   */
  public static EnvironmentState following(
      Environment resource, Run run, EnvironmentStatus status, Refusal specRefusal, Instant now) {
    EnvironmentState before = resource.getStatus();
    long generation = generation(resource);
    Conditions conditions =
        new Conditions(before == null ? null : before.conditions(), generation, now);
    Phase phase = status.phase();
    String phaseReason = camel(phase);
    if (phase == Phase.READY) {
      conditions.set(Conditions.READY, true, phaseReason, readyMessage(status));
    } else {
      conditions.set(Conditions.READY, false, phaseReason, notReadyMessage(status));
    }
    if (phase == Phase.FAILED) {
      conditions.set(
          Conditions.FAILED,
          true,
          Refusal.ENVIRONMENT_FAILED,
          status.reason() == null ? "the environment failed" : status.reason());
    } else {
      conditions.set(Conditions.FAILED, false, phaseReason, "");
    }
    if (specRefusal == null) {
      conditions.set(Conditions.SPEC_APPLIED, true, "Applied", "");
    } else {
      conditions.set(Conditions.SPEC_APPLIED, false, specRefusal.reason(), specRefusal.message());
    }
    return new EnvironmentState(
        phase.name(),
        run.team(),
        status.outputs() == null ? null : status.outputs().namespace(),
        status.outputs() == null ? null : status.outputs().secretName(),
        status.expiresAt() == null ? null : status.expiresAt().toString(),
        run.workflowId(),
        run.runId(),
        run.temporalUiUrl(),
        steps(status.steps()),
        generation,
        conditions.list());
  }

  private static List<StepSummary> steps(List<StepState> steps) {
    if (steps == null) {
      return List.of();
    }
    return steps.stream()
        .map(
            step ->
                new StepSummary(
                    step.step().name(),
                    step.status().name(),
                    step.attempts() == 0 ? null : step.attempts(),
                    step.lastError()))
        .toList();
  }

  private static String readyMessage(EnvironmentStatus status) {
    String namespace = status.outputs() == null ? null : status.outputs().namespace();
    return "the environment is ready"
        + (namespace == null ? "" : " in namespace " + namespace)
        + (status.expiresAt() == null ? "" : " until " + status.expiresAt());
  }

  private static String notReadyMessage(EnvironmentStatus status) {
    return switch (status.phase()) {
      case AWAITING_APPROVAL -> "the request waits for approval before anything is made";
      case PROVISIONING -> "the environment is being provisioned";
      case SLEEPING ->
          "the environment is asleep (its workloads scaled to zero); wake it to use it";
      case DESTROYING -> "the environment is being torn down";
      case DESTROYED -> "the environment was destroyed";
      case FAILED -> status.reason() == null ? "the environment failed" : status.reason();
      case REJECTED ->
          status.reason() == null ? "the request was rejected" : "rejected: " + status.reason();
      case READY -> "";
    };
  }

  /** PROVISIONING → Provisioning: condition reasons are CamelCase. */
  private static String camel(Phase phase) {
    String name = phase.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static long generation(Environment resource) {
    Long generation = resource.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
