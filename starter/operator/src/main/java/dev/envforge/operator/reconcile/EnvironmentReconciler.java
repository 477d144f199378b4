package dev.envforge.operator.reconcile;

import dev.envforge.operator.reconcile.EnvironmentStates.Run;
import dev.envforge.operator.resource.Environment;
import dev.envforge.operator.resource.EnvironmentState;
import dev.envforge.starter.environments.FieldDifference;
import dev.envforge.starter.environments.RequestDifferences;
import dev.envforge.starter.quota.TeamLimitExceededException;
import dev.envforge.starter.quota.TeamQuota;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.EnvironmentRuns.RunDescription;
import dev.envforge.starter.temporal.EnvironmentRuns.StartResult;
import dev.envforge.starter.temporal.RunHistoryLink;
import dev.envforge.starter.temporal.TemporalUnavailableException;
import dev.envforge.starter.temporal.UpdateRefusedException;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.FieldError;
import dev.envforge.workflows.request.RequestLimits;
import dev.envforge.workflows.request.RequestValidator;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an {@code Environment} resource's environment exist, through the same Temporal calls as the
 * API: the same workflow id, the same team limit, the same conflict rule. The resource then follows
 * its run: a query now and then (no more often than the API's event streams ask), a TTL change
 * extends, any other change is refused in {@code SpecApplied}. Deleting the resource destroys the
 * environment, and the finalizer goes only once the run has ended.
 */
public class EnvironmentReconciler implements Reconciler<Environment>, Cleaner<Environment> {

  private static final Logger log = LoggerFactory.getLogger(EnvironmentReconciler.class);

  /** How far the expiry may lie from the one the TTL asks for before the operator extends. */
  private static final Duration EXPIRY_TOLERANCE = Duration.ofSeconds(1);

  private final EnvironmentRuns runs;
  private final TeamQuota quota;
  private final TeamNamespaces namespaces;
  private final RequestLimits limits;
  private final Pacing pacing;
  private final String temporalUiBaseUrl;
  private final String temporalNamespace;
  private final TransitionEvents events;
  private final Clock clock;

  /**
   * How often a resource's run is asked again.
   *
   * @param changing while the environment provisions or tears down
   * @param settled while it is ready, refused or in conflict: to notice an expiry, a destroy
   *     through the API, or a namespace labelled since
   */
  public record Pacing(Duration changing, Duration settled) {}

  public EnvironmentReconciler(
      EnvironmentRuns runs,
      TeamQuota quota,
      TeamNamespaces namespaces,
      RequestLimits limits,
      Pacing pacing,
      String temporalUiBaseUrl,
      String temporalNamespace,
      TransitionEvents events,
      Clock clock) {
    this.runs = runs;
    this.quota = quota;
    this.namespaces = namespaces;
    this.limits = limits;
    this.pacing = pacing;
    this.temporalUiBaseUrl = temporalUiBaseUrl;
    this.temporalNamespace = temporalNamespace;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public UpdateControl<Environment> reconcile(Environment resource, Context<Environment> context) {
    String namespace = resource.getMetadata().getNamespace();
    String name = resource.getMetadata().getName();
    Optional<String> team = namespaces.teamOf(namespace);
    if (team.isEmpty()) {
      return refuse(
          resource,
          null,
          new Refusal(
              Refusal.NAMESPACE_NOT_TEAM,
              "namespace "
                  + namespace
                  + " has no label "
                  + namespaces.teamLabel()
                  + ": ask the platform admins to assign it to a team"));
    }
    String requestedTeam = resource.getSpec() == null ? null : resource.getSpec().team();
    if (requestedTeam != null && !requestedTeam.equals(team.get())) {
      return refuse(
          resource,
          team.get(),
          new Refusal(
              Refusal.OTHER_TEAM,
              "spec.team is "
                  + requestedTeam
                  + " but namespace "
                  + namespace
                  + " belongs to team "
                  + team.get()
                  + "; an environment acts for its namespace's team only"));
    }
    SpecTranslation.Translated translated =
        SpecTranslation.toRequest(team.get(), name, resource.getSpec(), limits);
    EnvironmentState before = resource.getStatus();
    boolean following = before != null && before.runId() != null;
    if (!translated.valid() && !following) {
      return refuse(
          resource,
          team.get(),
          new Refusal(Refusal.INVALID_SPEC, "invalid spec: " + describe(translated.errors())));
    }
    EnvironmentRequest request = translated.request();
    // A followed run stays the one it was, even if the namespace's label has changed since.
    String workflowId =
        following && before.workflowId() != null
            ? before.workflowId()
            : EnvironmentNaming.workflowId(team.get(), name);
    String runId;
    if (following) {
      runId = before.runId();
    } else {
      try {
        quota.reserve(team.get(), request.environmentId());
      } catch (TeamLimitExceededException e) {
        return refuse(resource, team.get(), new Refusal(Refusal.TEAM_LIMIT, e.getMessage()));
      }
      StartResult start = runs.start(request);
      if (!start.started()) {
        List<FieldDifference> differences =
            RequestDifferences.between(liveRequest(workflowId, start.runId()), request);
        if (!differences.isEmpty()) {
          return refuse(
              resource,
              team.get(),
              new Refusal(
                  Refusal.CONFLICT,
                  "environment "
                      + team.get()
                      + "/"
                      + name
                      + " is already live with a different spec ("
                      + differencesText(differences)
                      + "); it was not changed. Delete it first, or make the spec match."));
        }
        log.info(
            "resource {}/{} adopts the live run {} of {}",
            namespace,
            name,
            start.runId(),
            workflowId);
      } else {
        log.info("resource {}/{} started {} run {}", namespace, name, workflowId, start.runId());
      }
      runId = start.runId();
    }
    EnvironmentStatus status = statusOf(workflowId, runId);
    Refusal specRefusal = null;
    if (!translated.valid()) {
      specRefusal =
          new Refusal(Refusal.INVALID_SPEC, "invalid spec: " + describe(translated.errors()));
    } else if (status.request() != null && !status.phase().terminal()) {
      SpecChange change = specChange(status.request(), request);
      if (change.refusal() != null) {
        specRefusal = change.refusal();
      } else if (change.ttlChanged()) {
        ExtendOutcome extended = extendToTtl(workflowId, runId, request, status);
        status = extended.status();
        specRefusal = extended.refusal();
      }
    }
    Run run =
        new Run(
            team.get(),
            workflowId,
            runId,
            RunHistoryLink.of(temporalUiBaseUrl, temporalNamespace, workflowId, runId));
    EnvironmentState next =
        EnvironmentStates.following(resource, run, status, specRefusal, clock.instant());
    events.record(resource, before, next);
    resource.setStatus(next);
    UpdateControl<Environment> control = UpdateControl.patchStatus(resource);
    return switch (status.phase()) {
      case PROVISIONING, DESTROYING -> control.rescheduleAfter(pacing.changing());
      // An approval or a wake may come at any time, but seldom: the settled pace is enough.
      case READY, SLEEPING, AWAITING_APPROVAL -> control.rescheduleAfter(pacing.settled());
      case DESTROYED, FAILED, REJECTED -> control;
    };
  }

  @Override
  public DeleteControl cleanup(Environment resource, Context<Environment> context) {
    EnvironmentState state = resource.getStatus();
    String name = resource.getMetadata().getName();
    Optional<String> team =
        Optional.ofNullable(state == null ? null : state.team())
            .or(() -> namespaces.teamOf(resource.getMetadata().getNamespace()));
    if (team.isEmpty() || refusedBeforeStart(state)) {
      return DeleteControl.defaultDelete();
    }
    String workflowId = EnvironmentNaming.workflowId(team.get(), name);
    Optional<RunDescription> latest = runs.describe(workflowId);
    if (latest.isEmpty() || !latest.get().open()) {
      return DeleteControl.defaultDelete();
    }
    RunDescription run = latest.get();
    boolean ours =
        state != null && state.runId() != null
            ? state.runId().equals(run.runId())
            // Killed between starting the run and writing its id: the run is this resource's if it
            // runs this resource's request, which is how the start would have been answered.
            : sameRequest(team.get(), name, resource, run);
    if (!ours) {
      return DeleteControl.defaultDelete();
    }
    if (run.phase() != Phase.DESTROYING) {
      try {
        runs.destroy(workflowId, run.runId(), "its Environment resource was deleted");
      } catch (UpdateRefusedException e) {
        // Already tearing down, or ending: the next look finds the run closed.
        log.debug("destroy of {} not taken: {}", workflowId, e.getMessage());
      }
    }
    log.info(
        "resource {}/{} deleted: destroying {}",
        resource.getMetadata().getNamespace(),
        name,
        workflowId);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(pacing.changing().toMillis());
  }

  /**
   * Temporal did not answer (or something unforeseen failed): say so on the resource and let the
   * SDK retry with its backoff. The message is the exception's own, which never carries a secret.
   */
  @Override
  public ErrorStatusUpdateControl<Environment> updateErrorStatus(
      Environment resource, Context<Environment> context, Exception e) {
    String reason = e instanceof TemporalUnavailableException ? "TemporalUnavailable" : "Error";
    EnvironmentState before = resource.getStatus();
    List<io.fabric8.kubernetes.api.model.Condition> previous =
        before == null ? null : before.conditions();
    Conditions conditions =
        new Conditions(previous, generationOf(resource), clock.instant())
            .set(Conditions.READY, readyBefore(before), reason, oneLine(e));
    before =
        before == null
            ? new EnvironmentState(null, null, null, null, null, null, null, null, null, null, null)
            : before;
    List<io.fabric8.kubernetes.api.model.Condition> merged =
        new java.util.ArrayList<>(conditions.list());
    if (previous != null) {
      previous.stream().filter(c -> !Conditions.READY.equals(c.getType())).forEach(merged::add);
    }
    resource.setStatus(
        new EnvironmentState(
            before.phase(),
            before.team(),
            before.namespace(),
            before.secretName(),
            before.expiresAt(),
            before.workflowId(),
            before.runId(),
            before.temporalUiUrl(),
            before.steps(),
            before.observedGeneration(),
            merged));
    return ErrorStatusUpdateControl.patchStatus(resource);
  }

  private UpdateControl<Environment> refuse(Environment resource, String team, Refusal refusal) {
    EnvironmentState next = EnvironmentStates.refused(resource, team, refusal, clock.instant());
    events.record(resource, resource.getStatus(), next);
    resource.setStatus(next);
    return UpdateControl.patchStatus(resource).rescheduleAfter(pacing.settled());
  }

  /** The request a live run was started with: from its status if it answers, else its history. */
  private EnvironmentRequest liveRequest(String workflowId, String runId) {
    return runs.statusIfAnswered(workflowId, runId, Duration.ofSeconds(2))
        .map(EnvironmentStatus::request)
        .filter(live -> live != null)
        .orElseGet(() -> runs.startInput(workflowId, runId));
  }

  private EnvironmentStatus statusOf(String workflowId, String runId) {
    return runs.statusWhileOpen(workflowId, runId)
        .orElseGet(() -> runs.finalStatus(workflowId, runId));
  }

  private record SpecChange(boolean ttlChanged, Refusal refusal) {}

  /** Environments are not changed in place: only the TTL may change, which extends. */
  private static SpecChange specChange(EnvironmentRequest live, EnvironmentRequest wanted) {
    List<FieldDifference> differences = RequestDifferences.between(live, wanted);
    List<FieldDifference> others =
        differences.stream().filter(d -> !"ttl".equals(d.field())).toList();
    if (!others.isEmpty()) {
      return new SpecChange(
          false,
          new Refusal(
              "SpecChangeRefused",
              "environments are not changed in place; only spec.ttl may change, but "
                  + differencesText(others)
                  + " changed. The environment keeps its spec; delete and re-create the resource"
                  + " for another."));
    }
    return new SpecChange(differences.size() == 1, null);
  }

  private record ExtendOutcome(EnvironmentStatus status, Refusal refusal) {}

  /**
   * A new TTL counts from the environment's creation, as the first one did: the expiry moves to
   * creation + TTL, if it is not there already. The workflow decides whether it may.
   */
  private ExtendOutcome extendToTtl(
      String workflowId, String runId, EnvironmentRequest request, EnvironmentStatus status) {
    Duration ttl = RequestValidator.effectiveTtl(request, limits);
    if (ttl == null || status.createdAt() == null) {
      return new ExtendOutcome(status, null);
    }
    Instant wanted = status.createdAt().plus(ttl);
    if (status.expiresAt() != null
        && Duration.between(status.expiresAt(), wanted).abs().compareTo(EXPIRY_TOLERANCE) <= 0) {
      return new ExtendOutcome(status, null);
    }
    if (status.phase() != Phase.READY && status.phase() != Phase.SLEEPING) {
      return new ExtendOutcome(
          status,
          new Refusal(
              "ExtendPending", "the new spec.ttl is applied once the environment is READY"));
    }
    try {
      return new ExtendOutcome(
          runs.extend(workflowId, runId, ExtendRequest.until(wanted)).orElse(status), null);
    } catch (UpdateRefusedException e) {
      return new ExtendOutcome(status, new Refusal("ExtendRefused", e.getMessage()));
    }
  }

  private boolean sameRequest(String team, String name, Environment resource, RunDescription run) {
    SpecTranslation.Translated translated =
        SpecTranslation.toRequest(team, name, resource.getSpec(), limits);
    return translated.valid()
        && RequestDifferences.between(
                runs.startInput(run.workflowId(), run.runId()), translated.request())
            .isEmpty();
  }

  private static boolean refusedBeforeStart(EnvironmentState state) {
    return state != null
        && state.runId() == null
        && state
            .condition(Conditions.FAILED)
            .filter(c -> "True".equals(c.getStatus()))
            .filter(c -> !Refusal.ENVIRONMENT_FAILED.equals(c.getReason()))
            .isPresent();
  }

  private static boolean readyBefore(EnvironmentState state) {
    return state != null
        && state.condition(Conditions.READY).filter(c -> "True".equals(c.getStatus())).isPresent();
  }

  private static String describe(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
  }

  private static String differencesText(List<FieldDifference> differences) {
    return differences.stream()
        .map(d -> d.field() + " is " + d.current() + ", the resource asks for " + d.requested())
        .collect(Collectors.joining("; "));
  }

  private static long generationOf(Environment resource) {
    Long generation = resource.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
