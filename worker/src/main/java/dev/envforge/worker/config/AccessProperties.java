package dev.envforge.worker.config;

import dev.envforge.activities.access.AccessSettings;
import dev.envforge.workflows.activities.ClusterEndpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code envforge.access.*}: developers' credentials.
 *
 * @param maxTtl the longest a developer's token may live (default 8 hours, at least 10 minutes)
 * @param clusters per shared cluster of the registry, the API server address people use, and its CA
 *     bundle (base64 PEM) when it is not the one in the worker's own connection
 */
@ConfigurationProperties("envforge.access")
public record AccessProperties(Duration maxTtl, Map<String, Endpoint> clusters) {

  public record Endpoint(String server, String certificateAuthorityData) {}

  public AccessSettings settings() {
    Map<String, ClusterEndpoint> endpoints = new LinkedHashMap<>();
    if (clusters != null) {
      clusters.forEach(
          (name, endpoint) -> {
            if (endpoint.server() != null && !endpoint.server().isBlank()) {
              String ca = endpoint.certificateAuthorityData();
              endpoints.put(
                  name,
                  new ClusterEndpoint(endpoint.server(), ca == null || ca.isBlank() ? null : ca));
            }
          });
    }
    return new AccessSettings(maxTtl, endpoints);
  }
}
