package dev.envforge.bench;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.Profile;
import java.time.Instant;

/**
 * The activity inputs the environment workflow derives for a shared-cluster, small, direct-Postgres
 * environment, built from the same naming rules, so the floor writes exactly what a run would.
 */
record EnvironmentSpecs(String namespacePrefix, String team, String cluster, Instant expiresAt) {

  NamespaceSpec namespace(String name) {
    return new NamespaceSpec(clusterRef(), namespaceName(name), Profile.SMALL, labels(name));
  }

  DatabaseSpec database(String name) {
    String postgresName = EnvironmentNaming.postgresName(namespaceName(name));
    return new DatabaseSpec(
        clusterRef(),
        namespaceName(name),
        postgresName,
        postgresName,
        EnvironmentNaming.CONNECTION_SECRET_NAME,
        labels(name));
  }

  private ClusterRef clusterRef() {
    return ClusterRef.shared(cluster);
  }

  private String namespaceName(String name) {
    return EnvironmentNaming.namespace(namespacePrefix, team, name);
  }

  private EnvironmentLabels labels(String name) {
    return new EnvironmentLabels(
        EnvironmentNaming.environmentId(team, name),
        team,
        EnvironmentNaming.workflowId(team, name),
        expiresAt);
  }
}
