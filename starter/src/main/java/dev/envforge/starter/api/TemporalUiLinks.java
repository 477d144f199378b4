package dev.envforge.starter.api;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.starter.temporal.TemporalServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Links to a run's page in the Temporal UI, where people watch its history. */
@Component
public class TemporalUiLinks {

  private final String base;
  private final Supplier<String> namespace;

  @Autowired
  public TemporalUiLinks(EnvforgeProperties properties, TemporalServer temporal) {
    this(properties.temporalUiBaseUrl(), temporal::namespace);
  }

  TemporalUiLinks(String baseUrl, Supplier<String> namespace) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.namespace = namespace;
  }

  /** The run's history page; the workflow id's slashes are encoded so it stays one segment. */
  public String run(String workflowId, String runId) {
    return base
        + "/namespaces/"
        + encode(namespace.get())
        + "/workflows/"
        + encode(workflowId)
        + "/"
        + encode(runId)
        + "/history";
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
