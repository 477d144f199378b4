package dev.envforge.starter.metrics;

import dev.envforge.starter.environments.VisibilityQuery;
import dev.envforge.starter.insights.DeliveryFigures;
import dev.envforge.starter.insights.Insights;
import dev.envforge.starter.insights.RunRecord;
import dev.envforge.starter.temporal.InsightRuns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The delivery figures per team as Prometheus gauges, over a sliding window (7 days by default),
 * refreshed on a schedule off every request's path: one visibility listing per refresh, however
 * often Prometheus scrapes. A figure with nothing to count is left out rather than reported as 0.
 */
@Component
public class InsightGauges {

  private static final Logger log = LoggerFactory.getLogger(InsightGauges.class);

  private final InsightRuns runs;
  private final Duration window;
  private final Clock clock = Clock.systemUTC();
  private final MultiGauge requested;
  private final MultiGauge ready;
  private final MultiGauge failed;
  private final MultiGauge changeFailureRate;
  private final MultiGauge timeToReady;
  private final MultiGauge timeToRestore;
  private final MultiGauge lifetime;
  private final MultiGauge extensions;
  private final MultiGauge live;

  public InsightGauges(
      InsightRuns runs,
      MeterRegistry registry,
      @Value("${envforge.metrics.insights-window:P7D}") Duration window) {
    this.runs = runs;
    this.window = window;
    requested =
        gauge(registry, "envforge.insights.requested", "Environments requested in the window");
    ready =
        gauge(registry, "envforge.insights.ready", "Environments that became READY in the window");
    failed =
        gauge(
            registry,
            "envforge.insights.failed",
            "Environments whose provisioning failed for good in the window, by failure type");
    changeFailureRate =
        gauge(registry, "envforge.insights.change.failure.rate", "failed / (READY + failed)");
    timeToReady =
        gauge(registry, "envforge.insights.time.to.ready.seconds", "Request to READY, by quantile");
    timeToRestore =
        gauge(
            registry,
            "envforge.insights.time.to.restore.seconds",
            "Mean time from a failed environment to the next READY one of the same name");
    lifetime =
        gauge(registry, "envforge.insights.lifetime.seconds", "Mean time from READY to the end");
    extensions = gauge(registry, "envforge.insights.extensions", "Expiries moved in the window");
    live = gauge(registry, "envforge.insights.live", "Running environments now");
  }

  private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
    return MultiGauge.builder(name).description(description).register(registry);
  }

  @Scheduled(
      initialDelayString = "PT5S",
      fixedDelayString = "${envforge.metrics.insights-refresh-interval:PT5M}")
  public void refresh() {
    Map<String, Insights> byTeam;
    try {
      Instant now = clock.instant();
      String all = VisibilityQuery.environments(null, null);
      List<RunRecord> recent = runs.startedBetween(all, now.minus(window), now);
      Map<String, Long> liveByTeam = runs.liveByTeam(all);
      Map<String, List<RunRecord>> grouped =
          recent.stream()
              .collect(Collectors.groupingBy(RunRecord::team, TreeMap::new, Collectors.toList()));
      liveByTeam.keySet().forEach(team -> grouped.putIfAbsent(team, List.of()));
      byTeam = new TreeMap<>();
      grouped.forEach(
          (team, teamRuns) ->
              byTeam.put(
                  team,
                  DeliveryFigures.of(teamRuns, Map.of(team, liveByTeam.getOrDefault(team, 0L)))));
    } catch (RuntimeException e) {
      log.debug("could not refresh the delivery figures: {}", e.getMessage());
      return;
    }
    set(requested, byTeam, i -> (double) i.requested());
    set(ready, byTeam, i -> (double) i.ready());
    set(changeFailureRate, byTeam, Insights::changeFailureRate);
    set(timeToRestore, byTeam, i -> i.timeToRestore().meanSeconds());
    set(lifetime, byTeam, i -> i.lifetimes().meanSeconds());
    set(extensions, byTeam, i -> (double) i.extensions().total());
    set(live, byTeam, i -> (double) i.live().values().stream().mapToLong(Long::longValue).sum());
    List<MultiGauge.Row<?>> quantiles = new ArrayList<>();
    List<MultiGauge.Row<?>> failures = new ArrayList<>();
    byTeam.forEach(
        (team, figures) -> {
          addIfPresent(
              quantiles,
              Tags.of("team", team, "quantile", "0.5"),
              figures.timeToReady().p50Seconds());
          addIfPresent(
              quantiles,
              Tags.of("team", team, "quantile", "0.95"),
              figures.timeToReady().p95Seconds());
          figures
              .failuresByType()
              .forEach(
                  (type, count) ->
                      failures.add(MultiGauge.Row.of(Tags.of("team", team, "type", type), count)));
        });
    timeToReady.register(quantiles, true);
    failed.register(failures, true);
  }

  private static void set(
      MultiGauge gauge, Map<String, Insights> byTeam, Function<Insights, Double> figure) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    byTeam.forEach(
        (team, figures) -> addIfPresent(rows, Tags.of("team", team), figure.apply(figures)));
    gauge.register(rows, true);
  }

  private static void addIfPresent(List<MultiGauge.Row<?>> rows, Tags tags, Double value) {
    if (value != null) {
      rows.add(MultiGauge.Row.of(tags, value));
    }
  }
}
