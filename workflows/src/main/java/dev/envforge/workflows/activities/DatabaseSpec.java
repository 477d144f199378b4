package dev.envforge.workflows.activities;

import dev.envforge.workflows.request.EnvironmentNaming;

/**
 * One environment's database. {@code secretName} is where, in {@code namespace}, the activity
 * writes the connection Secret; the password itself never leaves the activity.
 */
public record DatabaseSpec(
    ClusterRef cluster,
    String namespace,
    String databaseName,
    String roleName,
    String secretName,
    EnvironmentLabels labels) {

  /**
   * The database of the environment that lives in {@code namespace}: database and role are named
   * after the namespace and the connection Secret has its fixed name. The environment workflow
   * makes it so, and the reaper's teardown finds it again the same way from the namespace alone.
   */
  public static DatabaseSpec ofNamespace(
      ClusterRef cluster, String namespace, EnvironmentLabels labels) {
    String postgresName = EnvironmentNaming.postgresName(namespace);
    return new DatabaseSpec(
        cluster,
        namespace,
        postgresName,
        postgresName,
        EnvironmentNaming.CONNECTION_SECRET_NAME,
        labels);
  }
}
