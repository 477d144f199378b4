package dev.envforge.workflows.activities;

import dev.envforge.workflows.request.Capability;
import java.util.List;

/**
 * The Dapr components of one environment: one per capability, in its namespace. The state store's
 * connection string stays in the connection Secret {@code secretName}; the components only name it.
 *
 * @param secretName the environment's connection Secret; null when it has no database
 */
public record ComponentsSpec(
    ClusterRef cluster,
    String namespace,
    String secretName,
    List<Capability> capabilities,
    EnvironmentLabels labels) {

  public ComponentsSpec {
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
  }
}
