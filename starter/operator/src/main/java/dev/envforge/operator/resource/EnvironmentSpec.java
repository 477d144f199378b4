package dev.envforge.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the resource asks for: the API's request without team and name (those are the namespace's
 * team and the resource's name). Enumerations are spelt as in the API's request body; the CRD's
 * schema admits only those spellings.
 *
 * @param team optional; when set it must be the namespace's team, so that a manifest copied into
 *     another team's namespace is refused instead of acting for that team
 * @param profile small, medium or large
 * @param cluster where the environment runs
 * @param database whether and how it gets a database
 * @param ttl an ISO-8601 duration from the environment's creation; changing it moves the expiry
 * @param keep no expiry: the environment lives until the resource is deleted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentSpec(
    String team,
    String profile,
    ClusterSpec cluster,
    DatabaseSpec database,
    String ttl,
    Boolean keep) {

  /**
   * @param mode shared or dedicated
   * @param name a shared cluster of the registry; empty for its default
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ClusterSpec(String mode, String name) {}

  /**
   * @param kind none or postgres
   * @param driver direct or crossplane
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DatabaseSpec(String kind, String driver) {}
}
