package dev.envforge.operator.config;

import dev.envforge.workflows.settings.SharedProperties;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The operator's settings, under {@code envforge.*}. What the worker and the API share (task queue,
 * namespace prefix, TTL policy, codec) is bound from the same keys as theirs; the query and update
 * timeouts and the Temporal UI address use the API's keys, so one value sets both.
 *
 * @param shared task queue, namespace prefix, TTL policy, codec
 * @param temporalUiBaseUrl the Temporal UI that each resource's status links its run to
 * @param queryTimeout how long a status query waits for a worker to answer
 * @param updateTimeout how long an extend, a destroy or a quota reservation waits
 * @param operator what only the operator has
 */
@ConfigurationProperties("envforge")
public record OperatorProperties(
    @Name("") SharedProperties shared,
    String temporalUiBaseUrl,
    Duration queryTimeout,
    Duration updateTimeout,
    Operator operator) {

  public OperatorProperties {
    temporalUiBaseUrl = temporalUiBaseUrl == null ? "http://127.0.0.1:8233" : temporalUiBaseUrl;
    queryTimeout = queryTimeout == null ? Duration.ofSeconds(10) : queryTimeout;
    updateTimeout = updateTimeout == null ? Duration.ofSeconds(20) : updateTimeout;
    operator = operator == null ? new Operator(null, null, null, null, null, null, 0) : operator;
  }

  /**
   * @param teamLabel the namespace label that names a namespace's team
   * @param pollInterval how often a provisioning or tearing-down environment's run is asked again
   *     (the API's event streams ask at most every 2 s too)
   * @param resyncInterval how often a ready, refused or conflicting resource is looked at again
   * @param namespaces the namespaces watched; empty for all
   * @param kubeconfig the management cluster's kubeconfig; empty for in-cluster (or ~/.kube/config)
   * @param kubeContext the kubeconfig's context; empty for its current one
   * @param reconcileThreads resources reconciled at once
   */
  public record Operator(
      String teamLabel,
      Duration pollInterval,
      Duration resyncInterval,
      Set<String> namespaces,
      String kubeconfig,
      String kubeContext,
      int reconcileThreads) {
    public Operator {
      teamLabel = teamLabel == null || teamLabel.isBlank() ? "envforge.dev/team" : teamLabel;
      pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
      resyncInterval = resyncInterval == null ? Duration.ofMinutes(1) : resyncInterval;
      namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
      kubeconfig = kubeconfig == null ? "" : kubeconfig;
      kubeContext = kubeContext == null ? "" : kubeContext;
      reconcileThreads = reconcileThreads <= 0 ? 4 : reconcileThreads;
    }
  }
}
