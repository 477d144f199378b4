package dev.envforge.starter.environments;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.starter.environments.TemporalEnvironments.RunDescription;
import dev.envforge.starter.environments.TemporalEnvironments.StartResult;
import dev.envforge.starter.environments.TemporalEnvironments.VisibilityPage;
import dev.envforge.starter.metrics.TimeToReadyRecorder;
import dev.envforge.starter.quota.TeamQuota;
import dev.envforge.starter.security.Caller;
import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepState;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.FieldError;
import dev.envforge.workflows.request.RequestValidator;
import io.grpc.Status;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The API's use cases: request, look at, list, extend and destroy environments. */
@Service
public class EnvironmentService {

  private static final Logger log = LoggerFactory.getLogger(EnvironmentService.class);

  static final int MAX_REASON_LENGTH = 200;

  /**
   * How long the answer to a repeated request waits for the live status; it is a courtesy, since
   * the answer (same environment) is already decided.
   */
  private static final Duration REPEAT_STATUS_PATIENCE = Duration.ofSeconds(2);

  private final TemporalEnvironments temporal;
  private final EnvforgeProperties properties;
  private final TimeToReadyRecorder timeToReady;
  private final TeamQuota quota;

  public EnvironmentService(
      TemporalEnvironments temporal,
      EnvforgeProperties properties,
      TimeToReadyRecorder timeToReady,
      TeamQuota quota) {
    this.temporal = temporal;
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
    StartResult start = temporal.start(request);
    if (start.started()) {
      return new RequestOutcome(accepted(request, workflowId, start.runId()), true);
    }
    EnvironmentRequest live = temporal.startInput(workflowId, start.runId());
    List<FieldDifference> differences = RequestDifferences.between(live, request);
    if (!differences.isEmpty()) {
      throw new RequestConflictException(request.team(), request.name(), differences);
    }
    ObservedEnvironment current =
        currentStatus(workflowId, start.runId())
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
    return observed(team, name, workflowId, runId, temporal.status(workflowId, runId));
  }

  /** The caller's teams' environments only; an admin's list has every team's. */
  public EnvironmentListing list(
      Caller caller, String team, String phase, Integer pageSize, String pageToken) {
    if (team != null) {
      Dns1123.requireLabel("team", team);
    }
    Phase wanted = phase == null ? null : parsePhase(phase);
    int size = pageSize == null ? properties.listing().defaultPageSize() : pageSize;
    if (size < 1 || size > properties.listing().maxPageSize()) {
      throw new InvalidRequestException(
          "pageSize", "must be between 1 and " + properties.listing().maxPageSize());
    }
    List<String> visibleTeams = caller.teams().stream().filter(Dns1123::isLabel).sorted().toList();
    if (!caller.admin() && (visibleTeams.isEmpty() || (team != null && !caller.mayActFor(team)))) {
      // Nothing to see; another team's name gets the same empty page as an unknown one.
      return new EnvironmentListing(List.of(), null);
    }
    String query =
        caller.admin()
            ? VisibilityQuery.environments(team, wanted)
            : VisibilityQuery.environments(team, wanted, visibleTeams);
    byte[] token = PageTokens.decode(query, pageToken);
    VisibilityPage page;
    try {
      page = temporal.list(query, size, token);
    } catch (RuntimeException e) {
      if (token.length > 0 && TemporalEnvironments.statusCode(e) == Status.Code.INVALID_ARGUMENT) {
        throw new InvalidRequestException("pageToken", "is not a token from a previous page");
      }
      throw e;
    }
    List<ListedEnvironment> items =
        page.executions().stream().map(EnvironmentService::listed).toList();
    return new EnvironmentListing(items, PageTokens.encode(query, page.nextPageToken()));
  }

  /** Moves the expiry; the workflow's validator decides whether the new expiry is allowed. */
  public ObservedEnvironment extend(Caller caller, String team, String name, ExtendRequest extend) {
    checkExtendBody(extend);
    RunDescription run = existingRun(caller, team, name);
    if (!run.open()) {
      throw notRunning(run);
    }
    EnvironmentStatus status =
        temporal
            .update(run.workflowId(), run.runId(), "extend", extend)
            .orElseThrow(() -> notRunning(run));
    return observed(team, name, run.workflowId(), run.runId(), status);
  }

  /** Starts teardown; asking again while it runs, or after it ended, changes nothing. */
  public ObservedEnvironment destroy(Caller caller, String team, String name, String reason) {
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw new InvalidRequestException(
          "reason", "must be at most " + MAX_REASON_LENGTH + " characters");
    }
    if (reason != null && reason.codePoints().anyMatch(EnvironmentService::unprintable)) {
      // It ends up in the status, the UI and log lines: no line breaks or control characters.
      throw new InvalidRequestException("reason", "must not contain control characters");
    }
    RunDescription run = existingRun(caller, team, name);
    EnvironmentStatus status =
        (run.open()
                ? temporal.update(run.workflowId(), run.runId(), "destroy", reason)
                : Optional.<EnvironmentStatus>empty())
            .orElseGet(() -> temporal.status(run.workflowId(), run.runId()));
    return observed(team, name, run.workflowId(), run.runId(), status);
  }

  /**
   * The latest run of an environment the caller may act on. Another team's environment is answered
   * exactly like a missing one, so that a caller learns nothing about teams it is not in.
   */
  private RunDescription existingRun(Caller caller, String team, String name) {
    Dns1123.requireLabel("team", team);
    Dns1123.requireLabel("name", name);
    if (!caller.mayActFor(team)) {
      throw new EnvironmentNotFoundException(team, name);
    }
    return temporal
        .describe(EnvironmentNaming.workflowId(team, name))
        .orElseThrow(() -> new EnvironmentNotFoundException(team, name));
  }

  private ObservedEnvironment observed(
      String team, String name, String workflowId, String runId, EnvironmentStatus status) {
    timeToReady.observe(runId, status);
    return new ObservedEnvironment(team, name, workflowId, runId, status);
  }

  /**
   * The live status for the answer to a repeated request. The answer does not depend on it: when no
   * worker answers the query, the request is still recognised and the answer says PROVISIONING.
   */
  private Optional<EnvironmentStatus> currentStatus(String workflowId, String runId) {
    try {
      return Optional.ofNullable(temporal.status(workflowId, runId, REPEAT_STATUS_PATIENCE));
    } catch (TemporalUnavailableException | WorkflowException e) {
      log.debug("no status for {} yet: {}", workflowId, e.getMessage());
      return Optional.empty();
    }
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

  private static void checkExtendBody(ExtendRequest extend) {
    if (extend == null || (extend.by() == null) == (extend.until() == null)) {
      throw new InvalidRequestException("by", "give exactly one of 'by' or 'until'");
    }
    if (extend.by() != null) {
      try {
        Duration.parse(extend.by());
      } catch (DateTimeParseException e) {
        throw new InvalidRequestException("by", "must be an ISO-8601 duration such as PT2H");
      }
    }
  }

  private static boolean unprintable(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isISOControl(codePoint)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE
        || type == Character.UNASSIGNED;
  }

  private static UpdateRefusedException notRunning(RunDescription run) {
    String phase = run.phase() == null ? "no longer running" : run.phase().name();
    return new UpdateRefusedException(
        UpdateRefusedException.Reason.WRONG_STATE,
        "extend: the environment is " + phase + ", not READY");
  }

  private static Phase parsePhase(String phase) {
    try {
      return Phase.valueOf(phase.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "phase",
          "must be one of "
              + Arrays.stream(Phase.values()).map(Phase::name).collect(Collectors.joining(", ")));
    }
  }

  private static ListedEnvironment listed(WorkflowExecutionMetadata execution) {
    SearchAttributes attributes = execution.getTypedSearchAttributes();
    OffsetDateTime expiresAt = attributes.get(EnvironmentSearchAttributes.EXPIRES_AT);
    String workflowId = execution.getExecution().getWorkflowId();
    // The id says the same as the search attributes; it also holds for runs started without them.
    String[] idParts = workflowId.split("/", 3);
    String team = attributes.get(EnvironmentSearchAttributes.TEAM);
    String name = attributes.get(EnvironmentSearchAttributes.NAME);
    return new ListedEnvironment(
        team == null && idParts.length == 3 ? idParts[1] : team,
        name == null && idParts.length == 3 ? idParts[2] : name,
        workflowId,
        execution.getExecution().getRunId(),
        TemporalEnvironments.phaseOrNull(attributes.get(EnvironmentSearchAttributes.PHASE)),
        attributes.get(EnvironmentSearchAttributes.CLUSTER),
        expiresAt == null ? null : expiresAt.toInstant(),
        execution.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        execution.getStartTime(),
        execution.getCloseTime());
  }
}
