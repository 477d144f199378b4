package dev.envforge.activities.argocd;

import java.util.List;
import java.util.Map;

/**
 * Where Argo CD reads its declarations and what envforge declares there.
 *
 * @param namespace Argo CD's own namespace, where it reads AppProjects and cluster Secrets
 * @param cluster the registry cluster Argo CD runs in; null: the management cluster
 * @param sourceRepos the repositories every environment's AppProject allows (Argo CD's patterns,
 *     e.g. {@code https://github.com/example/*}); see {@link #requireSourceRepos}
 * @param clusterServers per shared cluster, the server URL Argo CD knows it by; a cluster not
 *     listed is named by {@code https://kubernetes.default.svc} when the worker reaches it
 *     in-cluster (Argo CD's name for the cluster it runs in), else by its kubeconfig's server URL
 */
public record ArgoCdSettings(
    String namespace,
    String cluster,
    List<String> sourceRepos,
    Map<String, String> clusterServers) {

  public static final String DEFAULT_NAMESPACE = "argocd";

  /** Argo CD's name for the cluster it runs in. */
  public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

  /**
   * Checks what registering needs and removing does not: at least one source repository (a project
   * without one cannot deploy anything).
   */
  public ArgoCdSettings requireSourceRepos() {
    if (sourceRepos.isEmpty()) {
      throw new IllegalArgumentException(
          "envforge.argocd.source-repos must name at least one repository pattern"
              + " when Argo CD registration is enabled");
    }
    return this;
  }

  public ArgoCdSettings {
    namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    cluster = cluster == null || cluster.isBlank() ? null : cluster;
    sourceRepos =
        sourceRepos == null
            ? List.of()
            : sourceRepos.stream().filter(repo -> repo != null && !repo.isBlank()).toList();
    clusterServers = clusterServers == null ? Map.of() : Map.copyOf(clusterServers);
    clusterServers.forEach(
        (name, server) -> {
          if (server == null || !server.startsWith("https://")) {
            throw new IllegalArgumentException(
                "envforge.argocd.cluster-servers."
                    + name
                    + " must be an https:// URL, not '"
                    + server
                    + "'");
          }
        });
  }
}
