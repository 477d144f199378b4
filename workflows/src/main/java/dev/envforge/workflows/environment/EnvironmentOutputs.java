package dev.envforge.workflows.environment;

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
}
