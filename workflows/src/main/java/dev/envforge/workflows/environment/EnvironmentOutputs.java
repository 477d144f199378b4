package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.DaprComponent;
import dev.envforge.workflows.activities.DatabaseRef;
import java.util.List;

/**
 * What provisioning produced, by name: never a credential.
 *
 * @param components the Dapr components of the environment's capabilities; null in statuses from
 *     before capabilities existed
 */
public record EnvironmentOutputs(
    String cluster,
    String namespace,
    String secretName,
    String databaseName,
    String databaseHost,
    Integer databasePort,
    List<DaprComponent> components) {

  /** Outputs without components. */
  public EnvironmentOutputs(
      String cluster,
      String namespace,
      String secretName,
      String databaseName,
      String databaseHost,
      Integer databasePort) {
    this(cluster, namespace, secretName, databaseName, databaseHost, databasePort, List.of());
  }

  public static EnvironmentOutputs empty() {
    return new EnvironmentOutputs(null, null, null, null, null, null);
  }

  /** These outputs, with the Dapr components made. */
  public EnvironmentOutputs withComponents(List<DaprComponent> components) {
    return new EnvironmentOutputs(
        cluster,
        namespace,
        secretName,
        databaseName,
        databaseHost,
        databasePort,
        List.copyOf(components));
  }

  /** These outputs, placed on {@code cluster}. */
  public EnvironmentOutputs withCluster(String cluster) {
    return new EnvironmentOutputs(
        cluster, namespace, secretName, databaseName, databaseHost, databasePort, components);
  }

  /** These outputs, with the environment's namespace made. */
  public EnvironmentOutputs withNamespace(String namespace) {
    return new EnvironmentOutputs(
        cluster, namespace, secretName, databaseName, databaseHost, databasePort, components);
  }

  /** These outputs, with where the database is and which Secret connects to it. */
  public EnvironmentOutputs withDatabase(DatabaseRef database) {
    return new EnvironmentOutputs(
        cluster,
        namespace,
        database.secretName(),
        database.database(),
        database.host(),
        database.port(),
        components);
  }
}
