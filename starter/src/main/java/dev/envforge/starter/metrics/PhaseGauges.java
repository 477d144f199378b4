package dev.envforge.starter.metrics;

import dev.envforge.starter.environments.VisibilityQuery;
import dev.envforge.starter.temporal.EnvironmentVisibility;
import dev.envforge.workflows.environment.Phase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Environments by phase, counted in Temporal visibility on a schedule rather than on each scrape,
 * so that scrapes stay cheap and a slow Temporal never slows the metrics endpoint. A count that
 * could not be refreshed reads NaN rather than a stale number.
 */
@Component
public class PhaseGauges {

  public static final String METRIC = "envforge.environments";

  private static final Logger log = LoggerFactory.getLogger(PhaseGauges.class);

  private final EnvironmentVisibility visibility;
  private final Map<Phase, AtomicReference<Double>> counts = new EnumMap<>(Phase.class);

  public PhaseGauges(EnvironmentVisibility visibility, MeterRegistry registry) {
    this.visibility = visibility;
    for (Phase phase : Phase.values()) {
      AtomicReference<Double> count = new AtomicReference<>(Double.NaN);
      counts.put(phase, count);
      Gauge.builder(METRIC, count, AtomicReference::get)
          .description(
              "Environments per phase from Temporal visibility; DESTROYED and FAILED count the"
                  + " closed runs the namespace retains")
          .tag("phase", phase.name())
          .register(registry);
    }
  }

  @Scheduled(
      initialDelayString = "PT1S",
      fixedDelayString = "${envforge.metrics.phase-refresh-interval:PT30S}")
  public void refresh() {
    for (Phase phase : Phase.values()) {
      double value;
      try {
        value = visibility.count(VisibilityQuery.inPhase(phase));
      } catch (RuntimeException e) {
        log.debug("could not count {} environments: {}", phase, e.getMessage());
        value = Double.NaN;
      }
      counts.get(phase).set(value);
    }
  }
}
