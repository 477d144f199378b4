package dev.envforge.bench;

import dev.envforge.workflows.environment.Phase;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Destroys the environments a run requested through the API, the way a user would (DELETE), and
 * waits until each run has closed, so that the next benchmark starts on a quiet platform.
 */
final class ApiTeardown {

  /** Few enough not to turn the cleanup into a second benchmark. */
  private static final int THREADS = 8;

  private static final Duration RECHECK_EVERY = Duration.ofSeconds(2);

  /** What became of one environment: its last phase, and why when it did not end DESTROYED. */
  record Ending(String phase, String reason) {
    boolean closed() {
      return phase.equals(Phase.DESTROYED.name())
          || phase.equals(Phase.FAILED.name())
          || phase.equals(NOT_FOUND);
    }
  }

  static final String NOT_FOUND = "NOT_FOUND";
  private static final Ending UNANSWERED =
      new Ending("UNANSWERED", "no answer before the deadline");

  private final EnvironmentApi api;
  private final String team;

  ApiTeardown(EnvironmentApi api, String team) {
    this.api = api;
    this.team = team;
  }

  /** name → how it ended, or where it stood when the deadline came. */
  Map<String, Ending> destroy(List<String> names, Deadline deadline, PrintStream progress)
      throws InterruptedException {
    long start = System.nanoTime();
    Map<String, Ending> endings = new LinkedHashMap<>();
    names.forEach(name -> endings.put(name, UNANSWERED));
    endings.putAll(
        Parallel.map(names, THREADS, deadline, "destroy", name -> delete(name, deadline)));
    progress.printf(
        "[bench] cleanup %5.1f s: DELETE sent for %d API environments%n",
        (System.nanoTime() - start) / 1e9, names.size());
    while (!deadline.expired()) {
      List<String> open = open(endings);
      progress.printf(
          "[bench] cleanup %5.1f s: %d of %d API environments still closing%n",
          (System.nanoTime() - start) / 1e9, open.size(), names.size());
      if (open.isEmpty()) {
        break;
      }
      deadline.sleep(RECHECK_EVERY);
      endings.putAll(
          Parallel.map(open, THREADS, deadline, "closing", name -> look(name, deadline)));
    }
    return endings;
  }

  private static List<String> open(Map<String, Ending> endings) {
    List<String> open = new ArrayList<>();
    endings.forEach(
        (name, ending) -> {
          if (!ending.closed()) {
            open.add(name);
          }
        });
    return open;
  }

  private Ending delete(String name, Deadline deadline) {
    return retryUnavailable(() -> api.destroy(team, name, "benchmark cleanup"), deadline);
  }

  private Ending look(String name, Deadline deadline) {
    return retryUnavailable(() -> api.get(team, name), deadline);
  }

  private Ending retryUnavailable(Call call, Deadline deadline) {
    try {
      while (true) {
        EnvironmentApi.Answer answer = call.send();
        if (answer.status() == 404) {
          return new Ending(NOT_FOUND, null);
        }
        if (answer.status() / 100 == 2 && answer.body() != null) {
          return new Ending(answer.phase(), answer.body().path("reason").asText(null));
        }
        if (!answer.unavailable() || deadline.expired()) {
          return new Ending("UNANSWERED", answer.problem());
        }
        deadline.sleep(answer.retryAfter());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNANSWERED;
    }
  }

  @FunctionalInterface
  private interface Call {
    EnvironmentApi.Answer send();
  }
}
