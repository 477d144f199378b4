package dev.envforge.starter.api;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.starter.temporal.RunHistoryLink;
import dev.envforge.starter.temporal.TemporalServer;
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
    this.base = baseUrl;
    this.namespace = namespace;
  }

  /** The run's history page. */
  public String run(String workflowId, String runId) {
    return RunHistoryLink.of(base, namespace.get(), workflowId, runId);
  }
}
