package dev.envforge.starter.metrics;

import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.Phase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Records how long environments took from request to READY, once per workflow run, when the API
 * first sees the run READY (a GET or an event stream). The times come from the workflow's own
 * clock, so they do not depend on when anyone looked.
 *
 * <p>Runs already recorded are remembered in a bounded set; after a restart, or on another replica,
 * a READY run may be recorded once more.
 */
@Component
public class TimeToReadyRecorder {

  public static final String METRIC = "envforge.environment.time.to.ready";

  private static final int REMEMBERED_RUNS = 10_000;

  private final Timer timer;
  private final Set<String> recordedRuns =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED_RUNS;
                }
              }));

  public TimeToReadyRecorder(MeterRegistry registry) {
    this.timer =
        Timer.builder(METRIC)
            .description(
                "Time from an environment's request (or its approval) to READY, as its workflow"
                    + " reports it")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofSeconds(1))
            .maximumExpectedValue(Duration.ofHours(2))
            .register(registry);
  }

  public void observe(String runId, EnvironmentStatus status) {
    if (runId == null
        || status == null
        || status.phase() != Phase.READY
        || status.createdAt() == null
        || status.readyAt() == null) {
      return;
    }
    if (recordedRuns.add(runId)) {
      // Provisioning begins with the approval; the wait for an approver is people's time.
      Instant from =
          status.approval() != null && status.approval().decidedAt() != null
              ? status.approval().decidedAt()
              : status.createdAt();
      timer.record(Duration.between(from, status.readyAt()));
    }
  }
}
