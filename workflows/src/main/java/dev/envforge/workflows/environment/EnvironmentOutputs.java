package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.DatabaseRef;

/** What provisioning produced, by name: never a credential. */
public record EnvironmentOutputs(
    String cluster,
    String namespace,
    String secretName,
    String databaseName,
    String databaseHost,
    Integer databasePort) {

  public static EnvironmentOutputs empty() {
    return new EnvironmentOutputs(null, null, null, null, null, null);
  }

  /** These outputs, placed on {@code cluster}. */
  public EnvironmentOutputs withCluster(String cluster) {
    return new EnvironmentOutputs(
        cluster, namespace, secretName, databaseName, databaseHost, databasePort);
  }

  /** These outputs, with the environment's namespace made. */
  public EnvironmentOutputs withNamespace(String namespace) {
    return new EnvironmentOutputs(
        cluster, namespace, secretName, databaseName, databaseHost, databasePort);
  }

  /** These outputs, with where the database is and which Secret connects to it. */
  public EnvironmentOutputs withDatabase(DatabaseRef database) {
    return new EnvironmentOutputs(
        cluster,
        namespace,
        database.secretName(),
        database.database(),
        database.host(),
        database.port());
  }
}
