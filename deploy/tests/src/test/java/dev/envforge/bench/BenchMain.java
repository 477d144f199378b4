package dev.envforge.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.envforge.workflows.environment.Phase;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.LoggerFactory;

/**
 * Provisions N environments through the API with C in flight, measures the same operations done
 * directly and sequentially as the floor, prints both, and removes what it made. Run it through
 * {@code deploy/local/bench}, which brings the platform, the worker and the API up first.
 *
 * <p>A benchmark, not a test: it prints figures and checks none of them.
 */
public final class BenchMain {

  static final String TEAM = "bench";
  static final String CLUSTER = "local";

  /**
   * Longer than the worker's expiry warning ({@code envforge.ttl.warn-before}, PT1H by default), so
   * that no environment is warned while the bench runs: a warning per environment would add its
   * activities to every run and measure the notifications instead of provisioning.
   */
  static final Duration TTL = Duration.ofHours(4);

  /** The floor is a short sample; it never eats into the API run's time. */
  private static final Duration FLOOR_BUDGET = Duration.ofMinutes(3);

  private final BenchOptions options;
  private final Report report = new Report(System.out);
  private final PrintStream progress = System.err;

  private BenchMain(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    // The activity classes log every created role and database; the figures are what matter here.
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    System.exit(new BenchMain(options).run());
  }

  private int run() throws Exception {
    Deadline end = Deadline.in(options.timeLimit());
    String runId = runId();
    if (options.warnBefore().compareTo(TTL) >= 0) {
      progress.printf(
          "envforge bench: the worker warns %s before expiry, not less than the bench's TTL %s;"
              + " every environment would be warned at once%n",
          options.warnBefore(), TTL);
      return 1;
    }
    report.header(options, runId, TEAM);
    EnvironmentApi api = new EnvironmentApi(options.api(), apiToken());
    EnvironmentApi.Answer probe = api.get(TEAM, "bench-probe-" + runId);
    if (probe.status() != 404 && probe.status() != 200) {
      progress.println(
          "envforge bench: the API at " + options.api() + " does not answer: " + probe.problem());
      return 1;
    }

    PlatformSettings platform = PlatformSettings.read(options.platformEnv());
    EnvironmentSpecs floorSpecs =
        new EnvironmentSpecs(options.namespacePrefix(), TEAM, CLUSTER, Instant.now().plus(TTL));
    // One more than the sample: the first pays for connecting and is reported apart.
    List<String> floorNames =
        options.floorSample() == 0
            ? List.of()
            : names("floor-" + runId + "-", options.floorSample() + 1);
    List<String> apiNames = names("bench-" + runId + "-", options.environments());

    try (DirectActivities direct = DirectActivities.connect(platform, CLUSTER)) {
      FloorResults floor = null;
      if (!floorNames.isEmpty()) {
        progress.printf("[bench] floor: %d environments, one after another%n", floorNames.size());
        ProcessWatch watch = new ProcessWatch(options.processes());
        watch.start();
        floor =
            new FloorResults(
                new SequentialFloor(direct, floorSpecs).run(floorNames, end.within(FLOOR_BUDGET)));
        List<ProcessWatch.Usage> usages = watch.stop();
        ProcessWatch.Machine machine = watch.machine();
        report.floor(floor);
        report.resources(usages, machine, floor.outcomes().size());
      }

      ApiRun run = provisionThroughApi(api, apiNames, apiDeadline(end));
      ApiResults results = run.results();
      report.verdict(floor, results, run.usages(), options);

      if (options.keep()) {
        report.cleanup(
            String.format(
                "kept: team %s, environments bench-%s-1..%d%s (TTL %s)",
                TEAM,
                runId,
                options.environments(),
                floorNames.isEmpty()
                    ? ""
                    : " through the API, floor-"
                        + runId
                        + "-1.."
                        + floorNames.size()
                        + " made directly",
                TTL));
      } else {
        cleanUp(api, results, direct, floorSpecs, floor, end);
      }
    }
    return 0;
  }

  /** The API phase's results and what its processes spent meanwhile. */
  private record ApiRun(ApiResults results, List<ProcessWatch.Usage> usages) {}

  private ApiRun provisionThroughApi(EnvironmentApi api, List<String> names, Deadline deadline)
      throws InterruptedException {
    progress.printf(
        "[bench] API: %d environments, %d at a time%n", names.size(), options.concurrency());
    ProcessWatch watch = new ProcessWatch(options.processes());
    LatencyMetrics.Snapshot workerBefore = LatencyMetrics.scrape(options.workerMetrics());
    LatencyMetrics.Snapshot starterBefore = LatencyMetrics.scrape(options.starterMetrics());
    LatencyMetrics.Snapshot temporalBefore = LatencyMetrics.scrape(options.temporalMetrics());
    watch.start();
    List<ApiOutcome> outcomes =
        new ApiProvisioning(api, TEAM, CLUSTER, TTL.toString(), options.pollInterval())
            .run(names, options.concurrency(), deadline, progress);
    List<ProcessWatch.Usage> usages = watch.stop();
    ProcessWatch.Machine machine = watch.machine();
    LatencyMetrics.Snapshot workerAfter = LatencyMetrics.scrape(options.workerMetrics());
    LatencyMetrics.Snapshot starterAfter = LatencyMetrics.scrape(options.starterMetrics());
    LatencyMetrics.Snapshot temporalAfter = LatencyMetrics.scrape(options.temporalMetrics());

    ApiResults results = new ApiResults(outcomes, names.size());
    report.api(results, api, options);
    report.steps(results);
    report.metrics("worker", LatencyMetrics.between(workerBefore, workerAfter));
    report.metrics("API", LatencyMetrics.between(starterBefore, starterAfter));
    report.serverMetrics(
        LatencyMetrics.between(temporalBefore, temporalAfter), machine.wallSeconds());
    report.resources(usages, machine, results.ready().size());
    return new ApiRun(results, usages);
  }

  /** The API run ends early enough to leave the cleanup a third of the time, at least 2 minutes. */
  private Deadline apiDeadline(Deadline end) {
    if (options.keep()) {
      return end;
    }
    Duration limit = options.timeLimit();
    Duration reserve = max(Duration.ofMinutes(2), limit.dividedBy(3));
    reserve = reserve.compareTo(limit.dividedBy(2)) > 0 ? limit.dividedBy(2) : reserve;
    return new Deadline(end.atNanos() - reserve.toNanos());
  }

  private void cleanUp(
      EnvironmentApi api,
      ApiResults results,
      DirectActivities direct,
      EnvironmentSpecs floorSpecs,
      FloorResults floor,
      Deadline end)
      throws InterruptedException {
    report.cleanup("");
    if (floor != null) {
      long start = System.nanoTime();
      List<String> made = floor.outcomes().stream().map(SequentialFloor.Outcome::name).toList();
      Map<String, String> left =
          FloorTeardown.destroy(direct, floorSpecs, made, end.within(end.remaining().dividedBy(3)));
      report.cleanup(
          String.format(
              "cleanup floor: %d removed, %d left behind (%.1f s)%s",
              made.size() - left.size(),
              left.size(),
              (System.nanoTime() - start) / 1e9,
              left.isEmpty() ? "" : ": " + left));
    }
    long start = System.nanoTime();
    List<String> requested = results.outcomes().stream().map(ApiOutcome::name).toList();
    Map<String, ApiTeardown.Ending> endings =
        new ApiTeardown(api, TEAM).destroy(requested, end, progress);
    Map<String, Long> byPhase =
        endings.values().stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    ApiTeardown.Ending::phase,
                    java.util.TreeMap::new,
                    java.util.stream.Collectors.counting()));
    List<String> problems =
        endings.entrySet().stream()
            .filter(e -> !e.getValue().phase().equals("DESTROYED"))
            .map(e -> e.getKey() + ": " + e.getValue().phase() + " " + e.getValue().reason())
            .limit(5)
            .toList();
    report.cleanup(
        String.format(
            "cleanup API: %s (%.1f s)%s",
            byPhase,
            (System.nanoTime() - start) / 1e9,
            problems.isEmpty() ? "" : "; e.g. " + problems));
    if (byPhase.containsKey(Phase.DESTROYING.name())) {
      // Their workflows go on tearing them down; nothing more is needed than time.
      report.cleanup(
          "  environments still DESTROYING finish on their own: GET "
              + options.api()
              + "?team="
              + TEAM
              + "&phase=DESTROYING");
    }
  }

  private static List<String> names(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
  }

  /** Five random letters and digits, so runs never collide on names. */
  private static String runId() {
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      id.append(Character.forDigit(random.nextInt(36), 36));
    }
    return id.toString();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The API token, from ENVFORGE_API_TOKEN (deploy/local/bench sets it from the local token). */
  private static String apiToken() {
    String token = System.getenv("ENVFORGE_API_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalStateException(
          "set ENVFORGE_API_TOKEN to an admin API token (deploy/local/bench does it)");
    }
    return token.strip();
  }
}
