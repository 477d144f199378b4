package dev.envforge.starter.config;

import dev.envforge.workflows.request.RequestLimits;
import dev.envforge.workflows.settings.SharedProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * The API's settings, under {@code envforge.*}.
 *
 * @param shared what the worker binds too: task queue, namespace prefix, TTL policy, codec; bound
 *     at {@code envforge.*} itself (the empty name), beside the API's own settings. The API checks
 *     requests against the same limits the workflow checks again, so that a bad request is a 400,
 *     not a failed run.
 * @param temporalUiBaseUrl the Temporal UI that responses link each run to
 * @param maxBodySize request bodies above this are refused with 400 before any parsing
 * @param updateTimeout how long extend and destroy wait for the workflow to answer
 * @param queryTimeout how long a status query waits for a worker to answer
 */
@ConfigurationProperties("envforge")
public record EnvforgeProperties(
    @Name("") SharedProperties shared,
    String temporalUiBaseUrl,
    DataSize maxBodySize,
    Duration updateTimeout,
    Duration queryTimeout,
    Events events,
    Listing listing,
    Metrics metrics) {

  public EnvforgeProperties {
    temporalUiBaseUrl = temporalUiBaseUrl == null ? "http://127.0.0.1:8233" : temporalUiBaseUrl;
    maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(16) : maxBodySize;
    updateTimeout = updateTimeout == null ? Duration.ofSeconds(20) : updateTimeout;
    queryTimeout = queryTimeout == null ? Duration.ofSeconds(10) : queryTimeout;
    events = events == null ? new Events(null, null, null, 0) : events;
    listing = listing == null ? new Listing(0, 0) : listing;
    metrics = metrics == null ? new Metrics(null) : metrics;
  }

  /** Where the API starts workflows: the shared task queue the workers poll. */
  public String taskQueue() {
    return shared.taskQueue();
  }

  /** What the API checks requests against: the shared namespace prefix and TTL policy. */
  public RequestLimits limits() {
    return shared.requestLimits();
  }

  /**
   * The server-sent event streams.
   *
   * @param timeout a stream ends after this even if the environment never settles
   * @param pollInterval how soon the streams of a run ask the workflow for its status again after
   *     it changed
   * @param maxPollInterval the longest wait between two polls: while the status stays the same,
   *     each wait doubles up to this
   * @param pollerThreads threads shared by all open streams to run those queries
   */
  public record Events(
      Duration timeout, Duration pollInterval, Duration maxPollInterval, int pollerThreads) {
    public Events {
      timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
      pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
      maxPollInterval = maxPollInterval == null ? Duration.ofSeconds(2) : maxPollInterval;
      if (maxPollInterval.compareTo(pollInterval) < 0) {
        maxPollInterval = pollInterval;
      }
      pollerThreads = pollerThreads <= 0 ? 4 : pollerThreads;
    }
  }

  /** Page sizes of {@code GET /api/v1/environments}. */
  public record Listing(int defaultPageSize, int maxPageSize) {
    public Listing {
      defaultPageSize = defaultPageSize <= 0 ? 20 : defaultPageSize;
      maxPageSize = maxPageSize <= 0 ? 100 : maxPageSize;
    }
  }

  /**
   * @param phaseRefreshInterval how often the environments-by-phase gauge is counted in visibility
   */
  public record Metrics(Duration phaseRefreshInterval) {
    public Metrics {
      phaseRefreshInterval =
          phaseRefreshInterval == null ? Duration.ofSeconds(30) : phaseRefreshInterval;
    }
  }
}
