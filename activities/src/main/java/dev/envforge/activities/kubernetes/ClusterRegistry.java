package dev.envforge.activities.kubernetes;

import java.util.Map;
import java.util.Optional;

/**
 * The shared clusters envforge may place environments on, by name, plus which of them is the
 * default and which is the management cluster (where Crossplane composites of dedicated clusters
 * live).
 */
public record ClusterRegistry(
    Map<String, ClusterConnection> clusters, String defaultCluster, String managementCluster) {

  public ClusterRegistry {
    clusters = Map.copyOf(clusters);
    if (!clusters.containsKey(defaultCluster)) {
      throw new IllegalArgumentException(
          "the default cluster '" + defaultCluster + "' is not among " + clusters.keySet());
    }
    if (!clusters.containsKey(managementCluster)) {
      throw new IllegalArgumentException(
          "the management cluster '" + managementCluster + "' is not among " + clusters.keySet());
    }
  }

  public Optional<ClusterConnection> find(String name) {
    return Optional.ofNullable(clusters.get(name));
  }
}
