package dev.envforge.starter.api;

import dev.envforge.starter.access.AccessService;
import dev.envforge.starter.access.IssuedAccess;
import dev.envforge.starter.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kubeconfigs for environments' namespaces, bounded in scope and time; all decisions the service's.
 */
@RestController
@RequestMapping("/api/v1/environments/{team}/{name}/access")
@Tag(name = "access", description = "Scoped, expiring kubeconfigs for an environment's namespace")
@ApiResponse(responseCode = "400", description = "A parameter or the body is invalid")
@ApiResponse(responseCode = "401", description = "No bearer token, or one that is not accepted")
@ApiResponse(responseCode = "404", description = "No such environment (or another team's)")
@ApiResponse(responseCode = "409", description = "The environment is not READY")
@ApiResponse(responseCode = "503", description = "Temporal is unavailable")
@SecurityRequirement(name = "bearer")
public class AccessController {

  static final String APPLICATION_YAML = "application/yaml";

  private final AccessService access;

  public AccessController(AccessService access) {
    this.access = access;
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Get a kubeconfig for the environment's namespace",
      description =
          "Mints a ServiceAccount token bound to the namespace, for the requested ttl capped by the"
              + " environment's expiry and the configured maximum (default 8 h, at least 10"
              + " minutes). Ask with Accept: application/yaml for the kubeconfig alone.")
  @ApiResponse(responseCode = "201", description = "The kubeconfig, its grant id and expiry")
  @ApiResponse(responseCode = "422", description = "Refused, e.g. a ttl under 10 minutes")
  public ResponseEntity<AccessView> grant(
      @PathVariable String team,
      @PathVariable String name,
      @RequestBody(required = false) AccessBody body) {
    IssuedAccess issued = issue(team, name, body);
    return ResponseEntity.status(201)
        .cacheControl(CacheControl.noStore())
        .body(AccessView.of(issued));
  }

  @PostMapping(produces = APPLICATION_YAML)
  @Operation(summary = "Get a kubeconfig for the environment's namespace, as YAML")
  @ApiResponse(responseCode = "201", description = "The kubeconfig")
  public ResponseEntity<String> grantAsYaml(
      @PathVariable String team,
      @PathVariable String name,
      @RequestBody(required = false) AccessBody body) {
    IssuedAccess issued = issue(team, name, body);
    return ResponseEntity.status(201)
        .cacheControl(CacheControl.noStore())
        .header("X-Envforge-Grant-Id", issued.grantId())
        .header("X-Envforge-Expires-At", issued.expiresAt().toString())
        .contentType(MediaType.parseMediaType(APPLICATION_YAML))
        .body(issued.kubeconfig());
  }

  @DeleteMapping("/{grantId}")
  @Operation(
      summary = "Revoke a kubeconfig",
      description = "Deletes the object its token is bound to; the token stops working at once.")
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ApiResponse(responseCode = "422", description = "No such grant on this environment")
  public ResponseEntity<Void> revoke(
      @PathVariable String team, @PathVariable String name, @PathVariable String grantId) {
    access.revoke(Callers.current(), team, name, grantId);
    return ResponseEntity.noContent().build();
  }

  private IssuedAccess issue(String team, String name, AccessBody body) {
    return access.grant(Callers.current(), team, name, body == null ? null : body.ttl());
  }
}
