package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.request.Capability;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.RequestValidator;
import dev.envforge.workflows.request.TtlBounds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every name and number the workflow derives from a valid request. Pure.
 *
 * @param ttl null for a kept environment
 * @param ttlBounds the TTL policy as it holds for this environment's team and profile
 * @param capabilities the capabilities the environment gets: requested, or its profile's defaults
 */
public record EnvironmentPlan(
    EnvironmentRequest request,
    String environmentId,
    String workflowId,
    String namespace,
    Duration ttl,
    TtlBounds ttlBounds,
    Instant createdAt,
    List<Capability> capabilities) {

  public static EnvironmentPlan of(
      EnvironmentRequest request, EnvironmentSettings settings, Instant createdAt) {
    String team = request.team();
    String name = request.name();
    String namespace = EnvironmentNaming.namespace(settings.namespacePrefix(), team, name);
    return new EnvironmentPlan(
        request,
        EnvironmentNaming.environmentId(team, name),
        EnvironmentNaming.workflowId(team, name),
        namespace,
        RequestValidator.effectiveTtl(request, settings.limits()),
        settings.limits().ttl().boundsFor(team, request.profile()),
        createdAt,
        RequestValidator.effectiveCapabilities(request, settings.limits()));
  }

  public boolean kept() {
    return request.keep();
  }

  public EnvironmentLabels labels(Instant expiresAt) {
    return new EnvironmentLabels(environmentId, request.team(), workflowId, expiresAt, kept());
  }
}
