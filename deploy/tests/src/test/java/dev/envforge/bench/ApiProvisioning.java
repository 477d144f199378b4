package dev.envforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envforge.workflows.environment.Phase;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Provisions environments through the API with a fixed number in flight: each of C lanes requests
 * one environment, follows it with GETs until it is READY or FAILED, then takes the next name.
 */
final class ApiProvisioning {

  /** How often a refused-as-unavailable POST is sent again before the environment counts failed. */
  private static final int POST_ATTEMPTS = 5;

  /** No single environment is followed longer than this, whatever time the run has left. */
  private static final Duration PATIENCE = Duration.ofMinutes(10);

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final EnvironmentApi api;
  private final String team;
  private final String cluster;
  private final String ttl;
  private final Duration pollInterval;
  private final AtomicInteger ready = new AtomicInteger();
  private final AtomicInteger notReady = new AtomicInteger();
  private final AtomicInteger posted = new AtomicInteger();

  ApiProvisioning(
      EnvironmentApi api, String team, String cluster, String ttl, Duration pollInterval) {
    this.api = api;
    this.team = team;
    this.cluster = cluster;
    this.ttl = ttl;
    this.pollInterval = pollInterval;
  }

  /**
   * Provisions every name, {@code concurrency} at a time; names not started by the deadline are
   * left out of the result.
   */
  List<ApiOutcome> run(List<String> names, int concurrency, Deadline deadline, PrintStream progress)
      throws InterruptedException {
    ApiOutcome[] outcomes = new ApiOutcome[names.size()];
    AtomicInteger next = new AtomicInteger();
    ExecutorService lanes = Executors.newFixedThreadPool(concurrency, Threads.daemon("api-lane"));
    long start = System.nanoTime();
    for (int lane = 0; lane < concurrency; lane++) {
      lanes.execute(
          () -> {
            for (int i = next.getAndIncrement();
                i < names.size() && !deadline.expired() && !Thread.currentThread().isInterrupted();
                i = next.getAndIncrement()) {
              outcomes[i] = provision(names.get(i), deadline);
            }
          });
    }
    lanes.shutdown();
    // Each lane stops by the deadline plus one request timeout; beyond that, it is abandoned.
    Deadline hard = Deadline.in(deadline.remaining().plus(Duration.ofMinutes(1)));
    while (!lanes.awaitTermination(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
      progress.printf(
          "[bench] %5.1f s  posted %d/%d  READY %d  failed or unfinished %d%n",
          (System.nanoTime() - start) / 1e9,
          posted.get(),
          names.size(),
          ready.get(),
          notReady.get());
      if (hard.expired()) {
        lanes.shutdownNow();
        break;
      }
    }
    return Arrays.stream(outcomes).filter(o -> o != null).toList();
  }

  private ApiOutcome provision(String name, Deadline runDeadline) {
    Deadline deadline = runDeadline.within(PATIENCE);
    long postNanos = System.nanoTime();
    Instant postedAt = Instant.now();
    int unavailable = 0;
    try {
      EnvironmentApi.Answer answer = api.request(team, name, cluster, ttl);
      for (int attempt = 1;
          answer.unavailable() && attempt < POST_ATTEMPTS && !deadline.expired();
          attempt++) {
        unavailable++;
        deadline.sleep(answer.retryAfter());
        // The same request again is safe: a live identical one is answered 200, not started twice.
        answer = api.request(team, name, cluster, ttl);
      }
      posted.incrementAndGet();
      if (answer.status() != 200 && answer.status() != 202) {
        return settle(
            name,
            postNanos,
            postedAt,
            answer.body(),
            ApiOutcome.Ending.FAILED,
            "POST: " + answer.problem(),
            unavailable);
      }
      JsonNode last = answer.body();
      String lastProblem = null;
      while (true) {
        String phase = last == null ? "" : last.path("phase").asText("");
        if (Phase.READY.name().equals(phase)) {
          return settle(
              name, postNanos, postedAt, last, ApiOutcome.Ending.READY, null, unavailable);
        }
        if (Phase.FAILED.name().equals(phase)
            || Phase.DESTROYING.name().equals(phase)
            || Phase.DESTROYED.name().equals(phase)) {
          String reason = last.path("reason").asText("");
          return settle(
              name,
              postNanos,
              postedAt,
              last,
              ApiOutcome.Ending.FAILED,
              phase + ": " + reason,
              unavailable);
        }
        if (deadline.expired()) {
          String why = "not READY in time; last phase " + (phase.isEmpty() ? "unknown" : phase);
          return settle(
              name,
              postNanos,
              postedAt,
              last,
              ApiOutcome.Ending.UNFINISHED,
              lastProblem == null ? why : why + ", last error " + lastProblem,
              unavailable);
        }
        deadline.sleep(pollInterval);
        EnvironmentApi.Answer polled = api.get(team, name);
        if (polled.status() == 200 && polled.body() != null) {
          last = polled.body();
        } else {
          // A 503/504 or a slow query is worth another look; the deadline bounds the looking.
          unavailable += polled.unavailable() ? 1 : 0;
          lastProblem = polled.problem();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return settle(
          name,
          postNanos,
          postedAt,
          null,
          ApiOutcome.Ending.UNFINISHED,
          "interrupted",
          unavailable);
    }
  }

  private ApiOutcome settle(
      String name,
      long postNanos,
      Instant postedAt,
      JsonNode last,
      ApiOutcome.Ending ending,
      String failure,
      int unavailable) {
    (ending == ApiOutcome.Ending.READY ? ready : notReady).incrementAndGet();
    return new ApiOutcome(
        name, postNanos, postedAt, System.nanoTime(), last, ending, failure, unavailable);
  }
}
