package dev.envforge.starter.api;

import dev.envforge.starter.environments.EnvironmentService;
import dev.envforge.starter.environments.ObservedEnvironment;
import dev.envforge.starter.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approving and rejecting requests that await approval; putting environments to sleep and waking
 * them.
 */
@RestController
@RequestMapping(EnvironmentController.BASE + "/{team}/{name}")
@Tag(name = "environments")
@ApiResponse(
    responseCode = "400",
    description = "A field, parameter or the body is invalid; the problem names it")
@ApiResponse(responseCode = "401", description = "No bearer token, or one that is not accepted")
@ApiResponse(responseCode = "404", description = "No such environment")
@ApiResponse(
    responseCode = "409",
    description = "The environment is not in a phase that allows this")
@ApiResponse(
    responseCode = "429",
    description = "The caller made too many changes; Retry-After says when to retry")
@ApiResponse(responseCode = "503", description = "Temporal is unavailable")
@SecurityRequirement(name = "bearer")
public class LifecycleController {

  private final EnvironmentService environments;
  private final TemporalUiLinks links;

  public LifecycleController(EnvironmentService environments, TemporalUiLinks links) {
    this.environments = environments;
    this.links = links;
  }

  @PostMapping("/approve")
  @Operation(
      summary = "Approve an environment that awaits approval",
      description =
          "Admins and the team's approvers may approve; the caller who asked for the environment"
              + " may not, unless the policy allows self-approval. Provisioning begins at once.")
  @ApiResponse(responseCode = "200", description = "Approved; the environment is PROVISIONING")
  @ApiResponse(responseCode = "403", description = "The caller may not approve for the team")
  @ApiResponse(
      responseCode = "422",
      description = "Refused, e.g. the caller asked for the environment themselves")
  @ApiResponse(responseCode = "415", description = "A body is sent, but not as application/json")
  public EnvironmentView approve(
      @PathVariable String team,
      @PathVariable String name,
      @RequestBody(required = false) ApproveBody body) {
    return view(
        environments.approve(Callers.current(), team, name, body == null ? null : body.reason()));
  }

  @PostMapping(path = "/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Reject an environment that awaits approval",
      description = "Ends it as REJECTED with the reason; nothing was made, so nothing is undone.")
  @ApiResponse(responseCode = "200", description = "Rejected")
  @ApiResponse(responseCode = "403", description = "The caller may not reject for the team")
  @ApiResponse(responseCode = "415", description = "The body is not sent as application/json")
  public EnvironmentView reject(
      @PathVariable String team, @PathVariable String name, @RequestBody RejectBody body) {
    return view(environments.reject(Callers.current(), team, name, body.reason()));
  }

  @PostMapping("/sleep")
  @Operation(
      summary = "Put an environment to sleep",
      description =
          "Scales every Deployment and StatefulSet in its namespace to zero, recording each"
              + " one's replicas on it; nothing else is paused, and the expiry keeps running."
              + " Asking again while it sleeps changes nothing.")
  @ApiResponse(responseCode = "200", description = "The environment, SLEEPING")
  @ApiResponse(responseCode = "422", description = "The workloads could not be scaled")
  public EnvironmentView sleep(@PathVariable String team, @PathVariable String name) {
    return view(environments.sleep(Callers.current(), team, name));
  }

  @PostMapping("/wake")
  @Operation(
      summary = "Wake a sleeping environment",
      description =
          "Restores the replicas sleep recorded, exactly; workloads created while it slept are"
              + " left as they are and listed. Asking again while it is awake changes nothing.")
  @ApiResponse(responseCode = "200", description = "The environment, READY")
  @ApiResponse(responseCode = "422", description = "The workloads could not be scaled")
  public EnvironmentView wake(@PathVariable String team, @PathVariable String name) {
    return view(environments.wake(Callers.current(), team, name));
  }

  private EnvironmentView view(ObservedEnvironment environment) {
    return EnvironmentView.of(environment, links);
  }
}
