package dev.envforge.starter.environments;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.starter.metrics.TimeToReadyRecorder;
import dev.envforge.starter.quota.TeamQuota;
import dev.envforge.starter.security.Caller;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.EnvironmentRuns.RunDescription;
import dev.envforge.starter.temporal.EnvironmentRuns.StartResult;
import dev.envforge.starter.temporal.EnvironmentVisibility;
import dev.envforge.starter.temporal.EnvironmentVisibility.VisibilityPage;
import dev.envforge.starter.temporal.PageTokenRefusedException;
import dev.envforge.starter.temporal.UpdateRefusedException;
import dev.envforge.workflows.environment.EnvironmentLifecycleWorkflow;
import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepState;
import dev.envforge.workflows.lifecycle.ApprovalDecision;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.FieldError;
import dev.envforge.workflows.request.RequestValidator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/** The API's use cases: request, look at, list, extend and destroy environments. */
@Service
public class EnvironmentService {

  /**
   * How long the answer to a repeated request waits for the live status; it is a courtesy, since
   * the answer (same environment) is already decided.
   */
  private static final Duration REPEAT_STATUS_PATIENCE = Duration.ofSeconds(2);

  private final EnvironmentRuns runs;
  private final EnvironmentVisibility visibility;
  private final EnvforgeProperties properties;
  private final TimeToReadyRecorder timeToReady;
  private final TeamQuota quota;

  public EnvironmentService(
      EnvironmentRuns runs,
      EnvironmentVisibility visibility,
      EnvforgeProperties properties,
      TimeToReadyRecorder timeToReady,
      TeamQuota quota) {
    this.runs = runs;
    this.visibility = visibility;
    this.properties = properties;
    this.timeToReady = timeToReady;
    this.quota = quota;
  }

  /**
   * @param started false when an identical request was already live: nothing new was started
   */
  public record RequestOutcome(ObservedEnvironment environment, boolean started) {}

  /**
   * Starts an environment, or finds the live one that the same request started before. A live
   * environment with a different spec is a conflict; a destroyed or failed one is replaced. The
   * caller must act for the team, and a new environment must fit the team's limit.
   */
  public RequestOutcome request(Caller caller, EnvironmentRequest raw) {
    List<FieldError> errors = RequestValidator.validate(raw, properties.limits());
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    EnvironmentRequest request = raw.withDefaults();
    if (!caller.mayActFor(request.team())) {
      throw new TeamNotAllowedException(request.team());
    }
    String workflowId = EnvironmentNaming.workflowId(request.team(), request.name());
    quota.reserve(request.team(), request.environmentId());
    StartResult start = runs.start(request, caller.name());
    if (start.started()) {
      return new RequestOutcome(accepted(request, workflowId, start.runId()), true);
    }
    // The live status carries the request the run was started with, so one query answers both
    // whether the request is the same and how the environment is doing. Without a worker to answer
    // it, the request is still recognised from the run's history and the answer says PROVISIONING.
    Optional<EnvironmentStatus> status =
        runs.statusIfAnswered(workflowId, start.runId(), REPEAT_STATUS_PATIENCE)
            .filter(answer -> answer.request() != null);
    EnvironmentRequest live =
        status
            .map(EnvironmentStatus::request)
            .orElseGet(() -> runs.startInput(workflowId, start.runId()));
    List<FieldDifference> differences = RequestDifferences.between(live, request);
    if (!differences.isEmpty()) {
      throw new RequestConflictException(request.team(), request.name(), differences);
    }
    ObservedEnvironment current =
        status
            .map(
                answer ->
                    observed(request.team(), request.name(), workflowId, start.runId(), answer))
            .orElseGet(() -> accepted(live.withDefaults(), workflowId, start.runId()));
    return new RequestOutcome(current, false);
  }

  public ObservedEnvironment get(Caller caller, String team, String name) {
    String workflowId = authorisedWorkflowId(caller, team, name);
    return onKnownOpenRun(team, name, runId -> runs.statusWhileOpen(workflowId, runId))
        .orElseGet(
            () -> {
              RunDescription run = existingRun(team, name);
              return observed(team, name, workflowId, run.runId(), statusOf(run));
            });
  }

  /**
   * What a stream that follows one run sees of it now.
   *
   * @param closed the run has ended: its status will not change any more
   */
  public record Observation(ObservedEnvironment environment, boolean closed) {}

  /**
   * The status of a known run, for callers that follow one run over time. While the run is open
   * this is one query; once it has closed, its final status.
   */
  public Observation follow(String team, String name, String runId) {
    String workflowId = EnvironmentNaming.workflowId(team, name);
    Optional<EnvironmentStatus> open = runs.statusWhileOpen(workflowId, runId);
    EnvironmentStatus status = open.orElseGet(() -> runs.finalStatus(workflowId, runId));
    return new Observation(observed(team, name, workflowId, runId, status), open.isEmpty());
  }

  /** The caller's teams' environments only; an admin's list has every team's. */
  public EnvironmentListing list(
      Caller caller, String team, String phase, Integer pageSize, String pageToken) {
    if (team != null) {
      Dns1123.requireLabel("team", team);
    }
    Phase wanted = RequestChecks.phase(phase);
    int size = RequestChecks.pageSize(pageSize, properties.listing());
    List<String> visibleTeams = caller.teams().stream().filter(Dns1123::isLabel).sorted().toList();
    if (!caller.admin() && (visibleTeams.isEmpty() || (team != null && !caller.mayActFor(team)))) {
      // Nothing to see; another team's name gets the same empty page as an unknown one.
      return new EnvironmentListing(List.of(), null);
    }
    String query =
        caller.admin()
            ? VisibilityQuery.environments(team, wanted)
            : VisibilityQuery.environments(team, wanted, visibleTeams);
    VisibilityPage page;
    try {
      page = visibility.list(query, size, PageTokens.decode(query, pageToken));
    } catch (PageTokenRefusedException e) {
      throw new InvalidRequestException("pageToken", "is not a token from a previous page");
    }
    return new EnvironmentListing(
        page.environments(), PageTokens.encode(query, page.nextPageToken()));
  }

  /** Moves the expiry; the workflow's validator decides whether the new expiry is allowed. */
  public ObservedEnvironment extend(Caller caller, String team, String name, ExtendRequest extend) {
    RequestChecks.extendBody(extend);
    String workflowId = authorisedWorkflowId(caller, team, name);
    Optional<ObservedEnvironment> known =
        onKnownOpenRun(team, name, runId -> runs.extend(workflowId, runId, extend));
    if (known.isPresent()) {
      return known.get();
    }
    RunDescription run = existingRun(team, name);
    if (!run.open()) {
      throw notRunning(run);
    }
    EnvironmentStatus status =
        runs.extend(run.workflowId(), run.runId(), extend).orElseThrow(() -> notRunning(run));
    return observed(team, name, run.workflowId(), run.runId(), status);
  }

  /** Starts teardown; asking again while it runs, or after it ended, changes nothing. */
  public ObservedEnvironment destroy(Caller caller, String team, String name, String reason) {
    RequestChecks.reason(reason);
    String workflowId = authorisedWorkflowId(caller, team, name);
    Optional<ObservedEnvironment> known =
        onKnownOpenRun(team, name, runId -> runs.destroy(workflowId, runId, reason));
    if (known.isPresent()) {
      return known.get();
    }
    RunDescription run = existingRun(team, name);
    EnvironmentStatus status =
        (run.open()
                ? runs.destroy(run.workflowId(), run.runId(), reason)
                : Optional.<EnvironmentStatus>empty())
            .orElseGet(() -> statusOf(run));
    return observed(team, name, run.workflowId(), run.runId(), status);
  }

  /**
   * Lets an environment that waits for approval go on. The caller must approve for the team (an
   * admin, or an approver of the team); the workflow refuses the requester unless its policy allows
   * self-approval.
   */
  public ObservedEnvironment approve(Caller caller, String team, String name, String reason) {
    RequestChecks.reason(reason);
    return decide(caller, team, name, w -> w.approve(new ApprovalDecision(caller.name(), reason)));
  }

  /** Ends an environment that waits for approval as REJECTED; the reason is required. */
  public ObservedEnvironment reject(Caller caller, String team, String name, String reason) {
    RequestChecks.rejectReason(reason);
    return decide(caller, team, name, w -> w.reject(new ApprovalDecision(caller.name(), reason)));
  }

  /** Scales the environment's workloads to zero; asking again changes nothing. */
  public ObservedEnvironment sleep(Caller caller, String team, String name) {
    return lifecycle(
        authorisedWorkflowId(caller, team, name), team, name, "sleep", w -> w.sleep(caller.name()));
  }

  /** Restores the replica counts the last sleep recorded; asking again changes nothing. */
  public ObservedEnvironment wake(Caller caller, String team, String name) {
    return lifecycle(
        authorisedWorkflowId(caller, team, name), team, name, "wake", w -> w.wake(caller.name()));
  }

  /**
   * An approver who is not in the team still sees the environment they decide on; a caller who
   * neither acts nor approves for the team learns nothing about it (404), and a team member who may
   * not approve is refused (403).
   */
  private ObservedEnvironment decide(
      Caller caller,
      String team,
      String name,
      Function<EnvironmentLifecycleWorkflow, EnvironmentStatus> decision) {
    RequestChecks.environment(team, name);
    if (!caller.mayApproveFor(team)) {
      if (caller.mayActFor(team)) {
        throw new ApprovalNotAllowedException(team);
      }
      throw new EnvironmentNotFoundException(team, name);
    }
    String verb = "approve or reject";
    return lifecycle(EnvironmentNaming.workflowId(team, name), team, name, verb, decision);
  }

  private ObservedEnvironment lifecycle(
      String workflowId,
      String team,
      String name,
      String verb,
      Function<EnvironmentLifecycleWorkflow, EnvironmentStatus> update) {
    Optional<ObservedEnvironment> known =
        onKnownOpenRun(team, name, runId -> runs.lifecycle(workflowId, runId, update));
    if (known.isPresent()) {
      return known.get();
    }
    RunDescription run = existingRun(team, name);
    if (!run.open()) {
      throw notRunning(run, verb);
    }
    EnvironmentStatus status =
        runs.lifecycle(run.workflowId(), run.runId(), update)
            .orElseThrow(() -> notRunning(run, verb));
    return observed(team, name, run.workflowId(), run.runId(), status);
  }

  /**
   * The workflow id of an environment the caller may act on. Another team's environment is answered
   * exactly like a missing one, so that a caller learns nothing about teams it is not in.
   */
  private static String authorisedWorkflowId(Caller caller, String team, String name) {
    RequestChecks.environment(team, name);
    if (!caller.mayActFor(team)) {
      throw new EnvironmentNotFoundException(team, name);
    }
    return EnvironmentNaming.workflowId(team, name);
  }

  /**
   * Calls the run this replica last saw open, which is the environment's latest run for as long as
   * it stays open; empty if there is no such run or it has closed since.
   */
  private Optional<ObservedEnvironment> onKnownOpenRun(
      String team, String name, Function<String, Optional<EnvironmentStatus>> call) {
    String workflowId = EnvironmentNaming.workflowId(team, name);
    return runs.knownOpenRun(workflowId)
        .flatMap(
            runId ->
                call.apply(runId).map(status -> observed(team, name, workflowId, runId, status)));
  }

  /** The latest run of an environment, found by describing its workflow. */
  private RunDescription existingRun(String team, String name) {
    return runs.describe(EnvironmentNaming.workflowId(team, name))
        .orElseThrow(() -> new EnvironmentNotFoundException(team, name));
  }

  /**
   * A run's status: an open run's from its status query; a closed run's final status, which needs
   * no worker (see {@link EnvironmentRuns#finalStatus}).
   */
  private EnvironmentStatus statusOf(RunDescription run) {
    return run.open()
        ? runs.status(run.workflowId(), run.runId())
        : runs.finalStatus(run.workflowId(), run.runId());
  }

  private ObservedEnvironment observed(
      String team, String name, String workflowId, String runId, EnvironmentStatus status) {
    timeToReady.observe(runId, status);
    return new ObservedEnvironment(team, name, workflowId, runId, status);
  }

  /** What is known of a run that has just been started: its request, and nothing done yet. */
  private static ObservedEnvironment accepted(
      EnvironmentRequest request, String workflowId, String runId) {
    List<StepState> steps = Arrays.stream(Step.values()).map(StepState::pending).toList();
    EnvironmentStatus status =
        new EnvironmentStatus(
            request.environmentId(),
            request,
            Phase.PROVISIONING,
            steps,
            EnvironmentOutputs.empty(),
            null,
            null,
            null,
            false,
            null,
            null);
    return new ObservedEnvironment(request.team(), request.name(), workflowId, runId, status);
  }

  private static UpdateRefusedException notRunning(RunDescription run) {
    String phase = run.phase() == null ? "no longer running" : run.phase().name();
    return new UpdateRefusedException(
        UpdateRefusedException.Reason.WRONG_STATE,
        "extend: the environment is " + phase + ", not READY");
  }

  private static UpdateRefusedException notRunning(RunDescription run, String verb) {
    String phase = run.phase() == null ? "no longer running" : run.phase().name();
    return new UpdateRefusedException(
        UpdateRefusedException.Reason.WRONG_STATE, verb + ": the environment is " + phase);
  }
}
