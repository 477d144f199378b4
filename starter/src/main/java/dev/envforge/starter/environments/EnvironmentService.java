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
import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepState;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.FieldError;
import dev.envforge.workflows.request.RequestValidator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
    StartResult start = runs.start(request);
    if (start.started()) {
      return new RequestOutcome(accepted(request, workflowId, start.runId()), true);
    }
    EnvironmentRequest live = runs.startInput(workflowId, start.runId());
    List<FieldDifference> differences = RequestDifferences.between(live, request);
    if (!differences.isEmpty()) {
      throw new RequestConflictException(request.team(), request.name(), differences);
    }
    // The answer does not depend on the live status: without a worker to answer the query, the
    // request is still recognised and the answer says PROVISIONING.
    ObservedEnvironment current =
        runs.statusIfAnswered(workflowId, start.runId(), REPEAT_STATUS_PATIENCE)
            .map(
                status ->
                    observed(request.team(), request.name(), workflowId, start.runId(), status))
            .orElseGet(() -> accepted(live.withDefaults(), workflowId, start.runId()));
    return new RequestOutcome(current, false);
  }

  public ObservedEnvironment get(Caller caller, String team, String name) {
    RunDescription run = existingRun(caller, team, name);
    return observe(team, name, run.runId());
  }

  /** The status of a known run, for callers that follow one run over time. */
  public ObservedEnvironment observe(String team, String name, String runId) {
    String workflowId = EnvironmentNaming.workflowId(team, name);
    return observed(team, name, workflowId, runId, runs.status(workflowId, runId));
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
    RunDescription run = existingRun(caller, team, name);
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
    RunDescription run = existingRun(caller, team, name);
    EnvironmentStatus status =
        (run.open()
                ? runs.destroy(run.workflowId(), run.runId(), reason)
                : Optional.<EnvironmentStatus>empty())
            .orElseGet(() -> runs.status(run.workflowId(), run.runId()));
    return observed(team, name, run.workflowId(), run.runId(), status);
  }

  /**
   * The latest run of an environment the caller may act on. Another team's environment is answered
   * exactly like a missing one, so that a caller learns nothing about teams it is not in.
   */
  private RunDescription existingRun(Caller caller, String team, String name) {
    RequestChecks.environment(team, name);
    if (!caller.mayActFor(team)) {
      throw new EnvironmentNotFoundException(team, name);
    }
    return runs.describe(EnvironmentNaming.workflowId(team, name))
        .orElseThrow(() -> new EnvironmentNotFoundException(team, name));
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
}
