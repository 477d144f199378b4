package dev.envforge.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one benchmark run is asked to do.
 *
 * @param api the environments endpoint, e.g. {@code http://127.0.0.1:8080/api/v1/environments}
 * @param environments how many environments to provision through the API (N)
 * @param concurrency how many of them are in flight at once (C)
 * @param floorSample how many environments the sequential floor provisions; 0 skips the floor
 * @param keep leave everything provisioned in place instead of destroying it
 * @param timeLimit for the whole run, cleanup included
 * @param platformEnv the local platform's settings file ({@code deploy/local/platform env})
 * @param namespacePrefix the worker's namespace prefix, so the floor uses the same names
 * @param workerMetrics the worker's Prometheus endpoint, or {@code null}
 * @param starterMetrics the API's Prometheus endpoint, or {@code null}
 * @param temporalMetrics the Temporal server's Prometheus endpoint, or {@code null}
 * @param processes name → pid of the processes whose memory and CPU are reported
 * @param warnBefore how long before expiry the worker warns ({@code envforge.ttl.warn-before})
 */
record BenchOptions(
    URI api,
    int environments,
    int concurrency,
    int floorSample,
    boolean keep,
    Duration pollInterval,
    Duration timeLimit,
    Path platformEnv,
    String namespacePrefix,
    URI workerMetrics,
    URI starterMetrics,
    URI temporalMetrics,
    Map<String, Long> processes,
    Duration warnBefore) {

  static final String USAGE =
      """
      usage: BenchMain --api URL --platform-env FILE [-n N] [-c C] [--floor-sample K | --no-floor]
                       [--keep] [--poll-ms MS] [--time-limit-seconds S] [--namespace-prefix P]
                       [--worker-metrics URL] [--starter-metrics URL]
                       [--temporal-metrics URL] [--process NAME=PID]...
                       [--warn-before ISO-8601 DURATION]""";

  static BenchOptions parse(String... args) {
    String api = null;
    String platformEnv = null;
    String workerMetrics = null;
    String starterMetrics = null;
    String temporalMetrics = null;
    int environments = 20;
    int concurrency = 5;
    int floorSample = 20;
    boolean keep = false;
    long pollMillis = 200;
    long timeLimitSeconds = 1200;
    String namespacePrefix = "env-";
    Duration warnBefore = Duration.ofHours(1);
    Map<String, Long> processes = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--api" -> api = value(args, ++i, arg);
        case "--platform-env" -> platformEnv = value(args, ++i, arg);
        case "--worker-metrics" -> workerMetrics = value(args, ++i, arg);
        case "--starter-metrics" -> starterMetrics = value(args, ++i, arg);
        case "--temporal-metrics" -> temporalMetrics = value(args, ++i, arg);
        case "-n" -> environments = positive(value(args, ++i, arg), arg);
        case "-c" -> concurrency = positive(value(args, ++i, arg), arg);
        case "--floor-sample" -> floorSample = positive(value(args, ++i, arg), arg);
        case "--no-floor" -> floorSample = 0;
        case "--keep" -> keep = true;
        case "--poll-ms" -> pollMillis = positive(value(args, ++i, arg), arg);
        case "--time-limit-seconds" -> timeLimitSeconds = positive(value(args, ++i, arg), arg);
        case "--namespace-prefix" -> namespacePrefix = value(args, ++i, arg);
        case "--warn-before" -> warnBefore = duration(value(args, ++i, arg), arg);
        case "--process" -> {
          String named = value(args, ++i, arg);
          int equals = named.indexOf('=');
          if (equals <= 0) {
            throw new IllegalArgumentException("--process wants NAME=PID, got " + named);
          }
          processes.put(
              named.substring(0, equals), (long) positive(named.substring(equals + 1), arg));
        }
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    if (api == null || platformEnv == null) {
      throw new IllegalArgumentException("--api and --platform-env are required");
    }
    if (pollMillis < 20) {
      throw new IllegalArgumentException("--poll-ms below 20 would only measure the polling");
    }
    if (timeLimitSeconds < 60) {
      throw new IllegalArgumentException(
          "--time-limit-seconds must leave room for cleanup (>= 60)");
    }
    return new BenchOptions(
        Loopback.require("--api", api),
        environments,
        Math.min(concurrency, environments),
        floorSample,
        keep,
        Duration.ofMillis(pollMillis),
        Duration.ofSeconds(timeLimitSeconds),
        Path.of(platformEnv),
        namespacePrefix,
        workerMetrics == null ? null : Loopback.require("--worker-metrics", workerMetrics),
        starterMetrics == null ? null : Loopback.require("--starter-metrics", starterMetrics),
        temporalMetrics == null ? null : Loopback.require("--temporal-metrics", temporalMetrics),
        Collections.unmodifiableMap(processes),
        warnBefore);
  }

  private static Duration duration(String text, String option) {
    try {
      return Duration.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(option + " wants an ISO-8601 duration, got " + text, e);
    }
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int positive(String text, String option) {
    try {
      int value = Integer.parseInt(text);
      if (value < 1) {
        throw new IllegalArgumentException(option + " must be at least 1, was " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " wants a number, got " + text, e);
    }
  }
}
