package dev.envforge.workflows.reaper;

import java.time.Duration;
import java.util.List;

/**
 * The worker's reaper configuration, read once per sweep so that replay sees the same values.
 *
 * @param namespacePrefix only namespaces whose name starts with it are considered
 * @param taskQueue the environment workflows' task queue; only their runs count as live or drifted
 * @param dryRun the default of sweeps that do not say: report only
 * @param orphanGrace how old a namespace without a running workflow must be to count as an orphan
 * @param clusters the registered clusters, each swept
 * @param teams only environments of these teams are swept; empty (or null, in settings recorded
 *     before it existed) for every team
 * @param postgresServers the configured Postgres servers by name, each searched for databases whose
 *     namespace is gone; null in settings recorded before they were
 * @param managementLeftovers the declarations a sweep searches the management cluster for ({@link
 *     Leftovers#inManagementCluster()}), handed over with the settings so that a sweep replays with
 *     the declarations it began with even after a new one was added
 */
public record ReaperSettings(
    String namespacePrefix,
    String taskQueue,
    boolean dryRun,
    Duration orphanGrace,
    List<String> clusters,
    List<String> teams,
    List<String> postgresServers,
    List<LeftoverDeclaration> managementLeftovers) {

  /** Settings for every team, no Postgres server and no Argo CD registration. */
  public ReaperSettings(
      String namespacePrefix,
      String taskQueue,
      boolean dryRun,
      Duration orphanGrace,
      List<String> clusters) {
    this(
        namespacePrefix,
        taskQueue,
        dryRun,
        orphanGrace,
        clusters,
        List.of(),
        List.of(),
        Leftovers.inManagementCluster(null));
  }

  public List<String> teamsOrAll() {
    return teams == null ? List.of() : teams;
  }

  public List<String> postgresServersOrNone() {
    return postgresServers == null ? List.of() : postgresServers;
  }

  public List<LeftoverDeclaration> managementLeftoversOrNone() {
    return managementLeftovers == null ? List.of() : managementLeftovers;
  }
}
