package dev.envforge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor: what provisioning an environment costs with no Temporal, no HTTP and no concurrency at
 * all. One plain thread runs the steps the workflow runs, in the workflow's order, one environment
 * after another.
 */
final class SequentialFloor {

  /**
   * One environment provisioned directly.
   *
   * @param operationMillis per operation, in the order they ran
   * @param failure why it stopped short, or {@code null}
   */
  record Outcome(String name, long totalMillis, Map<String, Long> operationMillis, String failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  private final DirectActivities activities;
  private final EnvironmentSpecs specs;

  SequentialFloor(DirectActivities activities, EnvironmentSpecs specs) {
    this.activities = activities;
    this.specs = specs;
  }

  /** Provisions each name in turn; stops early, with the rest unattempted, at the deadline. */
  List<Outcome> run(List<String> names, Deadline deadline) {
    List<Outcome> outcomes = new ArrayList<>();
    for (String name : names) {
      if (deadline.expired()) {
        break;
      }
      outcomes.add(provision(name));
    }
    return outcomes;
  }

  private Outcome provision(String name) {
    Map<String, Long> millis = new LinkedHashMap<>();
    long start = System.nanoTime();
    try {
      timed(millis, "placeShared", () -> activities.cluster.placeShared(specs.cluster()));
      timed(
          millis,
          "ensureNamespace",
          () -> activities.namespaces.ensureNamespace(specs.namespace(name)));
      timed(
          millis,
          "applyGuardrails",
          () -> activities.namespaces.applyGuardrails(specs.namespace(name)));
      timed(
          millis, "ensureDatabase", () -> activities.postgres.ensureDatabase(specs.database(name)));
      return new Outcome(name, elapsedMillis(start), millis, null);
    } catch (RuntimeException e) {
      return new Outcome(name, elapsedMillis(start), millis, e.toString());
    }
  }

  private static void timed(Map<String, Long> millis, String operation, Runnable call) {
    long start = System.nanoTime();
    call.run();
    millis.put(operation, elapsedMillis(start));
  }

  private static long elapsedMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
