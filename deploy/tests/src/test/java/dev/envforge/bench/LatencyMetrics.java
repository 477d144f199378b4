package dev.envforge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency histograms from the Prometheus endpoint of the worker or the API: the Temporal SDK's and
 * the JVM's garbage collection. Taken before and after the run, their difference tells where each
 * step's time went: waiting for a worker to pick a task up (schedule-to-start), the task itself
 * (execution), the calls to the Temporal server, and pauses of the JVM.
 */
final class LatencyMetrics {

  /** The Temporal server's calls to its database, by operation. */
  static final String PERSISTENCE = "persistence";

  private static final Map<String, String> WANTED =
      Map.of(
          "temporal_activity_schedule_to_start_latency_seconds", "activity schedule-to-start",
          "temporal_activity_execution_latency_seconds", "activity execution",
          "temporal_workflow_task_schedule_to_start_latency_seconds",
              "workflow task schedule-to-start",
          "temporal_workflow_task_execution_latency_seconds", "workflow task execution",
          "temporal_request_latency_seconds", "Temporal call",
          "jvm_gc_pause_seconds", "JVM GC pause",
          "persistence_latency", PERSISTENCE,
          "cache_latency", "history cache");

  private static final Pattern LINE = Pattern.compile("^(\\w+)_(sum|count)\\{([^}]*)}\\s+(\\S+)$");

  /** The labels that tell one series from another, in the order they are named in a key. */
  private static final Pattern[] DETAIL = {
    Pattern.compile("operation=\"([^\"]*)\""), Pattern.compile("activity_type=\"([^\"]*)\"")
  };

  /** Running totals: seconds and observations, per metric and detail. */
  record Snapshot(Map<String, double[]> totals) {
    static final Snapshot EMPTY = new Snapshot(Map.of());
  }

  /** The mean over the observations between two snapshots. */
  record Mean(double millis, long count) {}

  private LatencyMetrics() {}

  static Snapshot scrape(URI endpoint) {
    if (endpoint == null) {
      return Snapshot.EMPTY;
    }
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String text =
          http.send(
                  HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return parse(text);
    } catch (IOException e) {
      return Snapshot.EMPTY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Snapshot.EMPTY;
    }
  }

  static Snapshot parse(String prometheusText) {
    Map<String, double[]> totals = new TreeMap<>();
    for (String line : prometheusText.split("\n")) {
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches() || !WANTED.containsKey(matcher.group(1))) {
        continue;
      }
      String key = WANTED.get(matcher.group(1)) + detail(matcher.group(3));
      double[] total = totals.computeIfAbsent(key, k -> new double[2]);
      total["sum".equals(matcher.group(2)) ? 0 : 1] += Double.parseDouble(matcher.group(4));
    }
    return new Snapshot(totals);
  }

  /** The operation and the activity type of a series, where it has them. */
  private static String detail(String labels) {
    StringBuilder detail = new StringBuilder();
    for (Pattern label : DETAIL) {
      Matcher value = label.matcher(labels);
      if (value.find() && !"none".equals(value.group(1))) {
        detail.append(' ').append(value.group(1));
      }
    }
    return detail.toString();
  }

  /** Means of what was observed between the snapshots, by metric and detail. */
  static Map<String, Mean> between(Snapshot before, Snapshot after) {
    Map<String, Mean> means = new LinkedHashMap<>();
    after
        .totals()
        .forEach(
            (key, total) -> {
              double[] earlier = before.totals().getOrDefault(key, new double[2]);
              long count = Math.round(total[1] - earlier[1]);
              if (count > 0) {
                means.put(key, new Mean((total[0] - earlier[0]) * 1000 / count, count));
              }
            });
    return means;
  }
}
