package dev.envforge.workflows.reaper;

import com.uber.m3.tally.Scope;
import java.util.Locale;
import java.util.Map;

/**
 * Reports a sweep to the worker's metrics through the workflow's metrics scope, which emits nothing
 * during replay; the Spring Boot worker bridges it to Micrometer (and so to /actuator/prometheus).
 */
final class SweepMetrics {

  static final String SWEEPS = "envforge_reaper_sweeps";
  static final String ENVIRONMENTS = "envforge_reaper_environments";
  static final String DELETIONS = "envforge_reaper_deletions";
  static final String SIGNALS = "envforge_reaper_signals";
  static final String FAILURES = "envforge_reaper_failures";
  static final String LEFTOVERS = "envforge_reaper_leftovers";

  private SweepMetrics() {}

  static void record(Scope scope, SweepReport report) {
    scope.tagged(Map.of("dry_run", Boolean.toString(report.dryRun()))).counter(SWEEPS).inc(1);
    report
        .counts()
        .forEach(
            (verdict, count) ->
                scope
                    .tagged(Map.of("class", verdict.name().toLowerCase(Locale.ROOT)))
                    .gauge(ENVIRONMENTS)
                    .update(count));
    if (report.kinds() != null) {
      report
          .kinds()
          .forEach(
              (kind, found) ->
                  found
                      .counts()
                      .forEach(
                          (verdict, count) ->
                              scope
                                  .tagged(
                                      Map.of(
                                          "kind",
                                          kind,
                                          "class",
                                          verdict.name().toLowerCase(Locale.ROOT)))
                                  .gauge(LEFTOVERS)
                                  .update(count)));
    }
    scope.counter(DELETIONS).inc(report.count(ActionOutcome.TORN_DOWN));
    scope.counter(SIGNALS).inc(report.count(ActionOutcome.SIGNALLED));
    scope
        .counter(FAILURES)
        .inc(report.count(ActionOutcome.FAILED) + report.clusterFailures().size());
  }
}
