package dev.envforge.bench;

import dev.envforge.workflows.environment.Step;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints the benchmark's figures for people to read; decides nothing. */
final class Report {

  /** How many failure reasons are spelled out; the rest are only counted. */
  private static final int REASONS_SHOWN = 5;

  private static final int SERVER_METRICS_SHOWN = 10;

  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void header(BenchOptions options, String runId, String team) {
    line(
        "envforge bench  run %s  N=%d C=%d  poll %d ms  %d CPUs  team %s  api %s",
        runId,
        options.environments(),
        options.concurrency(),
        options.pollInterval().toMillis(),
        Runtime.getRuntime().availableProcessors(),
        team,
        options.api());
  }

  void floor(FloorResults floor) {
    line("");
    line(
        "floor: sequential, one plain thread, the activity classes called directly (no Temporal, no HTTP)");
    floor
        .warmUp()
        .ifPresent(w -> line("  first environment (connects, cold)  %d ms", w.totalMillis()));
    line(
        "  per environment, %d after the first:  %s",
        floor.perEnvironment().count(), floor.perEnvironment().percentiles());
    StringBuilder operations = new StringBuilder();
    for (String operation : floor.operations()) {
      Summary summary = floor.operation(operation);
      operations.append(
          String.format(Locale.ROOT, "  %s %d/%d", operation, summary.p50(), summary.p95()));
    }
    line("  per operation, p50/p95 ms:%s", operations);
    failures(
        "  failures",
        floor.failures().size(),
        floor.failures().stream().map(f -> f.name() + ": " + f.failure()).toList());
  }

  void api(ApiResults results, EnvironmentApi api, BenchOptions options) {
    line("");
    line(
        "API: %d environments requested, %d in flight at a time, followed by GET every %d ms",
        results.requested(), options.concurrency(), options.pollInterval().toMillis());
    line(
        "  wall time            %.1f s (first POST to last environment settled)",
        results.wallSeconds());
    line(
        "  throughput           %.2f READY/s overall%s",
        results.throughput(),
        results.sustained().stream()
            .mapToObj(
                s ->
                    String.format(
                        Locale.ROOT,
                        ", %.2f READY/s sustained (10th to 90th percentile of completions)",
                        s))
            .findFirst()
            .orElse(""));
    line(
        "  time-to-READY        %s   (POST sent to a GET showing READY)",
        results.observed().percentiles());
    line(
        "  time-to-READY        %s   (POST sent to the workflow's readyAt)",
        results.workflow().percentiles());
    failures(
        "  failures",
        results.failures().size(),
        results.failures().stream().map(f -> f.name() + ": " + f.failure()).toList());
    if (!results.unfinished().isEmpty()) {
      failures(
          "  unfinished",
          results.unfinished().size(),
          results.unfinished().stream().map(f -> f.name() + ": " + f.failure()).toList());
    }
    if (results.notStarted() > 0) {
      line("  not requested        %d (the time limit came first)", results.notStarted());
    }
    double wall = Math.max(results.wallSeconds(), 1e-9);
    line(
        "  requests             %d POST, %d GET (%.0f/s), %d answers 503/504 or none",
        api.posts(), api.gets(), api.gets() / wall, results.unavailableAnswers());
  }

  void steps(ApiResults results) {
    line("  where the time went (READY environments, workflow clock, p50/p95 ms):");
    line("    POST sent to first step started   %s", brief(results.start()));
    for (Step step : Step.values()) {
      line("    %-32s  %s", step.name(), brief(results.step(step)));
    }
    line("    steps retried (attempts > 1):      %s", results.retriedSteps());
  }

  void metrics(String process, Map<String, LatencyMetrics.Mean> means) {
    if (means.isEmpty()) {
      line("  %s's metrics: nothing observed (or the endpoint did not answer)", process);
      return;
    }
    line("  %s's metrics during the run (mean ms, count):", process);
    means.forEach(
        (name, mean) -> line("    %-52s %8.1f ms  %6d", name, mean.millis(), mean.count()));
  }

  /**
   * The Temporal server's own view, heaviest first, and how much of the run its database calls add
   * up to: close to one second per second means they queue behind one another.
   */
  void serverMetrics(Map<String, LatencyMetrics.Mean> means, double wallSeconds) {
    if (means.isEmpty()) {
      line("  Temporal server's metrics: not available");
      return;
    }
    double persistence =
        means.entrySet().stream()
            .filter(e -> e.getKey().startsWith(LatencyMetrics.PERSISTENCE + " "))
            .mapToDouble(e -> e.getValue().millis() * e.getValue().count() / 1000)
            .sum();
    line(
        "  Temporal server's metrics during the run, heaviest %d (mean ms, count); all clients of"
            + " the server included:",
        SERVER_METRICS_SHOWN);
    means.entrySet().stream()
        .sorted(
            (a, b) ->
                Double.compare(
                    b.getValue().millis() * b.getValue().count(),
                    a.getValue().millis() * a.getValue().count()))
        .limit(SERVER_METRICS_SHOWN)
        .forEach(
            e ->
                line(
                    "    %-52s %8.1f ms  %6d",
                    e.getKey(), e.getValue().millis(), e.getValue().count()));
    line(
        "    persistence calls took %.1f s in all during %.1f s of wall time (%.2f s per second)",
        persistence, wallSeconds, wallSeconds <= 0 ? 0 : persistence / wallSeconds);
  }

  /**
   * @param environments how many environments the CPU time is shared out over
   */
  void resources(List<ProcessWatch.Usage> usages, ProcessWatch.Machine machine, int environments) {
    line(
        "  processes (memory: peak RSS sampled in this phase / lifetime peak VmHWM; CPU in this phase):");
    double ours = 0;
    for (ProcessWatch.Usage usage : usages) {
      line(
          "    %-24s pid %-8d %6s / %6s   CPU %7.1f s  %6.0f ms per environment",
          usage.name(),
          usage.pid(),
          megabytes(usage.peakRssKb()),
          megabytes(usage.hwmKb()),
          usage.cpuSeconds(),
          environments == 0 ? Double.NaN : usage.cpuSeconds() * 1000 / environments);
      if (!Double.isNaN(usage.cpuSeconds())) {
        ours += usage.cpuSeconds();
      }
    }
    line("    CPU per environment: %s", cpuShares(CpuShares.of(usages, environments)));
    double capacity = machine.wallSeconds() * machine.cpus();
    line(
        "    machine: %.1f of %.1f core-seconds busy (%.0f%%); %.1f s of it outside the processes above (other work on this machine)",
        machine.busyCoreSeconds(),
        capacity,
        capacity <= 0 ? 0 : 100 * machine.busyCoreSeconds() / capacity,
        Math.max(0, machine.busyCoreSeconds() - ours));
  }

  /**
   * @param usages the processes watched while the API provisioned
   */
  void verdict(
      FloorResults floor,
      ApiResults results,
      List<ProcessWatch.Usage> usages,
      BenchOptions options) {
    line("");
    Summary floorSummary = floor == null ? null : floor.perEnvironment();
    if (results.observed().count() == 0) {
      line("ratio  no environment became READY through the API");
    } else if (floorSummary != null && floorSummary.count() > 0 && floorSummary.p50() > 0) {
      line(
          "ratio  API p50 / floor p50 = %d / %d ms = %.2fx (seen by GET); %.2fx (workflow readyAt); target <= 1.0x",
          results.observed().p50(),
          floorSummary.p50(),
          (double) results.observed().p50() / floorSummary.p50(),
          (double) results.workflow().p50() / floorSummary.p50());
      line(
          "       measured at C=%d: the floor is one environment at a time, so C=1 compares like with like",
          options.concurrency());
    } else {
      line("ratio  no floor measured");
    }
    line(
        "cpu    per READY environment: %s",
        cpuShares(CpuShares.of(usages, results.ready().size())));
    usages.stream()
        .filter(usage -> usage.name().equals("worker"))
        .findFirst()
        .ifPresent(
            worker ->
                line(
                    "memory worker RSS at the end of the run %s (peak sampled %s, lifetime peak %s)",
                    megabytes(worker.endRssKb()),
                    megabytes(worker.peakRssKb()),
                    megabytes(worker.hwmKb())));
    line(
        "target >= 10 READY/s at C=50, N=500, 0 failures: this run C=%d N=%d, %.2f READY/s, %d failures,"
            + " %d unfinished, %d not requested",
        options.concurrency(),
        results.requested(),
        results.throughput(),
        results.failures().size(),
        results.unfinished().size(),
        results.notStarted());
    line(
        "       p50 time-to-READY %s (seen by GET)",
        results.observed().count() == 0 ? "n/a" : results.observed().p50() + " ms");
  }

  private static String cpuShares(CpuShares shares) {
    return String.format(
        Locale.ROOT,
        "%s %.0f ms, %s %.0f ms, envforge / platform %.2fx%s",
        CpuShares.ORCHESTRATION_LABEL,
        shares.orchestrationMillisPerEnvironment(),
        CpuShares.PLATFORM_LABEL,
        shares.platformMillisPerEnvironment(),
        shares.ratio(),
        shares.unwatched().isEmpty() ? "" : " (not watched: " + shares.unwatched() + ")");
  }

  void cleanup(String what) {
    line("%s", what);
  }

  private void failures(String label, int count, List<String> reasons) {
    line("%-22s %d", label, count);
    reasons.stream().limit(REASONS_SHOWN).forEach(reason -> line("    %s", reason));
    if (reasons.size() > REASONS_SHOWN) {
      line("    ... and %d more", reasons.size() - REASONS_SHOWN);
    }
  }

  private static String brief(Summary summary) {
    return summary.count() == 0 ? "no data" : summary.p50() + " / " + summary.p95();
  }

  private static String megabytes(long kb) {
    return kb < 0 ? "n/a" : String.format(Locale.ROOT, "%d MB", Math.round(kb / 1024.0));
  }

  private void line(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
