package dev.envforge.workflows.reaper;

import java.time.Instant;

/**
 * One leftover a survey found whose environment workflow is gone (EXPIRED or ORPHAN), with what its
 * removal checks again before it deletes anything.
 *
 * @param kind the declaration's {@link LeftoverDeclaration#kind()}
 * @param location the cluster (management cluster) or Postgres server it was found on
 * @param namespace the Kubernetes namespace it lives in; null for cluster-scoped objects and
 *     databases
 * @param name the object's name, or the database's (and its role's)
 * @param uid the object's uid, so that one made again under the same name is not removed; null for
 *     databases
 */
public record FoundLeftover(
    String kind,
    String location,
    String namespace,
    String name,
    String uid,
    String environmentId,
    String team,
    String workflowId,
    Instant expiresAt,
    EnvironmentClass verdict) {

  /** How the report names it: {@code <location>/[<namespace>/]<name>}. */
  public String reportName() {
    return location + "/" + (namespace == null ? "" : namespace + "/") + name;
  }
}
