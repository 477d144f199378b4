package dev.envforge.starter.access;

import dev.envforge.workflows.activities.ClusterEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A kubeconfig for one environment's namespace: one cluster, one user with a bearer token, one
 * context whose namespace is the environment's. Built in memory and handed to the caller only.
 */
public final class Kubeconfig {

  private Kubeconfig() {}

  /**
   * @param name names the cluster, user and context, e.g. {@code envforge-<team>-<name>}
   */
  public static String render(
      String name, ClusterEndpoint cluster, String namespace, String token) {
    Map<String, Object> clusterEntry = new LinkedHashMap<>();
    clusterEntry.put("server", cluster.server());
    if (cluster.certificateAuthorityData() != null) {
      clusterEntry.put("certificate-authority-data", cluster.certificateAuthorityData());
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", name);
    context.put("user", name);
    context.put("namespace", namespace);

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", List.of(Map.of("name", name, "cluster", clusterEntry)));
    config.put("users", List.of(Map.of("name", name, "user", Map.of("token", token))));
    config.put("contexts", List.of(Map.of("name", name, "context", context)));
    config.put("current-context", name);
    config.put("preferences", Map.of());

    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setSplitLines(false);
    return new Yaml(options).dump(config);
  }
}
