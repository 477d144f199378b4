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
 * The Temporal SDK's latency histograms from the worker's Prometheus endpoint. Taken before and
 * after the run, their difference splits each step's time into waiting for the worker to pick an
 * activity up (schedule-to-start) and the activity itself (execution).
 */
final class WorkerMetrics {

  private static final Map<String, String> WANTED =
      Map.of(
          "temporal_activity_schedule_to_start_latency_seconds", "activity schedule-to-start",
          "temporal_activity_execution_latency_seconds", "activity execution",
          "temporal_workflow_task_schedule_to_start_latency_seconds",
              "workflow task schedule-to-start",
          "temporal_workflow_task_execution_latency_seconds", "workflow task execution");

  private static final Pattern LINE = Pattern.compile("^(\\w+)_(sum|count)\\{([^}]*)}\\s+(\\S+)$");
  private static final Pattern ACTIVITY_TYPE = Pattern.compile("activity_type=\"([^\"]*)\"");

  /** Running totals: sum of seconds and count, per metric and activity type. */
  record Snapshot(Map<String, double[]> totals) {
    static final Snapshot EMPTY = new Snapshot(Map.of());
  }

  /** The mean over the observations between two snapshots. */
  record Mean(double millis, long count) {}

  private WorkerMetrics() {}

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
      Matcher type = ACTIVITY_TYPE.matcher(matcher.group(3));
      String activity = type.find() && !"none".equals(type.group(1)) ? " " + type.group(1) : "";
      double[] total =
          totals.computeIfAbsent(WANTED.get(matcher.group(1)) + activity, k -> new double[2]);
      total["sum".equals(matcher.group(2)) ? 0 : 1] += Double.parseDouble(matcher.group(4));
    }
    return new Snapshot(totals);
  }

  /** Means of what was observed between the snapshots, by metric and activity type. */
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
