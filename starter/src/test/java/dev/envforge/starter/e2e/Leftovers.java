package dev.envforge.starter.e2e;

import dev.envforge.workflows.request.EnvironmentNaming;

/**
 * Removes whatever a failed or interrupted test left behind for one of its teams: open runs first
 * (so no worker recreates anything), then the team's namespaces and Postgres objects. Team names
 * are unique per test run, so nothing of anyone else's matches.
 */
final class Leftovers {

  private final TemporalRuns runs;
  private final ClusterProbe cluster;
  private final PostgresProbe postgres;

  Leftovers(TemporalRuns runs, ClusterProbe cluster, PostgresProbe postgres) {
    this.runs = runs;
    this.cluster = cluster;
    this.postgres = postgres;
  }

  void removeTeam(String team) {
    runs.terminateOpenRunsOf(team, "end-to-end test cleanup");
    cluster.deleteNamespacesOfTeam(team);
    // Databases and roles of the team's environments start with the prefixed team and a '_'.
    postgres.dropEverythingStartingWith(
        EnvironmentNaming.postgresName(EndToEndSettings.NAMESPACE_PREFIX + team) + "_");
  }
}
