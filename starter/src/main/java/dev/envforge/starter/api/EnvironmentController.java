package dev.envforge.starter.api;

import dev.envforge.starter.environments.EnvironmentListing;
import dev.envforge.starter.environments.EnvironmentService;
import dev.envforge.starter.environments.EnvironmentService.RequestOutcome;
import dev.envforge.starter.environments.InvalidRequestException;
import dev.envforge.starter.environments.ObservedEnvironment;
import dev.envforge.starter.security.AuditLogFilter;
import dev.envforge.starter.security.Callers;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The environments API over HTTP; all decisions are the service's. */
@RestController
@RequestMapping("/api/v1/environments")
@Tag(name = "environments", description = "Development environments and their lifecycles")
@ApiResponse(
    responseCode = "400",
    description = "A field, parameter or the body is invalid; the problem names it")
@ApiResponse(responseCode = "401", description = "No bearer token, or one that is not accepted")
@ApiResponse(responseCode = "503", description = "Temporal is unavailable")
@ApiResponse(
    responseCode = "429",
    description =
        "The caller made too many changes (Retry-After says when to retry), or the team is at its"
            + " live-environment limit")
@SecurityRequirement(name = "bearer")
public class EnvironmentController {

  static final String BASE = "/api/v1/environments";

  private final EnvironmentService environments;
  private final EnvironmentEventPublisher events;
  private final TemporalUiLinks links;

  public EnvironmentController(
      EnvironmentService environments, EnvironmentEventPublisher events, TemporalUiLinks links) {
    this.environments = environments;
    this.events = events;
    this.links = links;
  }

  static String location(String team, String name) {
    return BASE + "/" + team + "/" + name;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Request an environment",
      description =
          "Starts the environment's workflow. The same request for a live environment answers 200"
              + " with it; a different spec for a live environment answers 409 listing the"
              + " differing fields. A destroyed or failed environment may be requested again.")
  @ApiResponse(responseCode = "202", description = "Started; Location names the environment")
  @ApiResponse(responseCode = "200", description = "The same request is already live")
  @ApiResponse(
      responseCode = "409",
      description = "A live environment with this team and name has a different spec")
  @ApiResponse(responseCode = "403", description = "The caller does not act for the team")
  @ApiResponse(responseCode = "415", description = "The body is not sent as application/json")
  public ResponseEntity<EnvironmentView> request(
      @RequestBody EnvironmentRequest request, HttpServletRequest http) {
    if (request != null) {
      http.setAttribute(
          AuditLogFilter.ENVIRONMENT_ATTRIBUTE, request.team() + "/" + request.name());
    }
    RequestOutcome outcome = environments.request(Callers.current(), request);
    ObservedEnvironment environment = outcome.environment();
    return ResponseEntity.status(outcome.started() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .location(URI.create(location(environment.team(), environment.name())))
        .body(view(environment));
  }

  @GetMapping("/{team}/{name}")
  @Operation(summary = "An environment's phase, steps, outputs and expiry")
  @ApiResponse(responseCode = "404", description = "No such environment")
  @ApiResponse(responseCode = "200", description = "The environment")
  public EnvironmentView get(@PathVariable String team, @PathVariable String name) {
    return view(environments.get(Callers.current(), team, name));
  }

  @GetMapping
  @Operation(
      summary = "List environments",
      description =
          "From Temporal visibility, newest first, one page at a time; only the caller's teams'"
              + " environments unless the caller is an admin.")
  @ApiResponse(responseCode = "200", description = "One page of environments")
  public EnvironmentPageView list(
      @Parameter(description = "only this team's environments") @RequestParam(required = false)
          String team,
      @Parameter(description = "only environments in this phase, e.g. READY")
          @RequestParam(required = false)
          String phase,
      @Parameter(description = "at most this many items (default 20)")
          @RequestParam(required = false)
          Integer pageSize,
      @Parameter(description = "nextPageToken of the previous page") @RequestParam(required = false)
          String pageToken,
      HttpServletRequest http) {
    // Spring reads an empty pageSize= as no value; the document says a number, so refuse it.
    if (pageSize == null && http.getParameter("pageSize") != null) {
      throw new InvalidRequestException("pageSize", "must be a whole number");
    }
    EnvironmentListing listing =
        environments.list(Callers.current(), team, phase, pageSize, pageToken);
    return new EnvironmentPageView(
        listing.items().stream().map(item -> EnvironmentListItemView.of(item, links)).toList(),
        listing.nextPageToken());
  }

  @PostMapping(path = "/{team}/{name}/extend", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Move an environment's expiry",
      description =
          "Body {\"by\":\"PT2H\"} adds to the current expiry; {\"until\":\"2030-01-01T00:00:00Z\"}"
              + " sets it. The expiry may lie at most the maximum TTL ahead of now.")
  @ApiResponse(responseCode = "422", description = "Refused, e.g. beyond the maximum TTL")
  @ApiResponse(responseCode = "409", description = "The environment is not READY")
  @ApiResponse(responseCode = "404", description = "No such environment")
  @ApiResponse(responseCode = "415", description = "The body is not sent as application/json")
  @ApiResponse(responseCode = "200", description = "The environment with its new expiry")
  public EnvironmentView extend(
      @PathVariable String team, @PathVariable String name, @RequestBody ExtendRequest extend) {
    return view(environments.extend(Callers.current(), team, name, extend));
  }

  @DeleteMapping("/{team}/{name}")
  @Operation(
      summary = "Destroy an environment",
      description = "Starts teardown and answers at once; repeating it changes nothing.")
  @ApiResponse(responseCode = "202", description = "Teardown started, running or done")
  @ApiResponse(responseCode = "404", description = "No such environment")
  public ResponseEntity<EnvironmentView> destroy(
      @PathVariable String team,
      @PathVariable String name,
      @Parameter(description = "recorded as the reason in the status")
          @RequestParam(required = false)
          String reason) {
    return ResponseEntity.accepted()
        .body(view(environments.destroy(Callers.current(), team, name, reason)));
  }

  @GetMapping(path = "/{team}/{name}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Follow an environment",
      description =
          "Server-sent events named 'status' carrying the environment as JSON: the current state,"
              + " then each change of phase or step, until READY, SLEEPING, FAILED, DESTROYED or REJECTED.")
  @ApiResponse(responseCode = "404", description = "No such environment")
  @ApiResponse(
      responseCode = "200",
      description = "The stream of status events",
      content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
  public SseEmitter events(@PathVariable String team, @PathVariable String name) {
    return events.stream(environments.get(Callers.current(), team, name));
  }

  private EnvironmentView view(ObservedEnvironment environment) {
    return EnvironmentView.of(environment, links);
  }
}
