package dev.envforge.workflows.reaper;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What a sweep's report becomes in the worker's metrics. */
class SweepMetricsTest {

  @Test
  void givenAReportWithKinds_whenRecorded_itShouldGaugeEachKindAndClass() throws Exception {
    SweepTally tally = new SweepTally(Instant.EPOCH, true, List.of("local"));
    tally.lookForKinds(List.of(Leftovers.DEDICATED_CLUSTER, Leftovers.POSTGRES_DATABASE));
    tally.classified(EnvironmentClass.ORPHAN, "local", "env-a-b");
    tally.classifiedKind(Leftovers.POSTGRES_DATABASE, EnvironmentClass.ORPHAN, "direct/env_c_d");
    tally.classifiedKind(Leftovers.POSTGRES_DATABASE, EnvironmentClass.LIVE, "direct/env_e_f");
    Gauges gauges = new Gauges();

    try (Scope scope =
        new RootScopeBuilder().reporter(gauges).reportEvery(Duration.ofSeconds(60))) {
      SweepMetrics.record(scope, tally.finish(Instant.EPOCH));
    }

    assertThat(gauges.values)
        .containsEntry("envforge_reaper_leftovers{class=orphan, kind=postgres}", 1.0)
        .containsEntry("envforge_reaper_leftovers{class=live, kind=postgres}", 1.0)
        .containsEntry("envforge_reaper_leftovers{class=orphan, kind=namespace}", 1.0)
        .containsEntry("envforge_reaper_leftovers{class=orphan, kind=xenvcluster}", 0.0)
        .containsEntry("envforge_reaper_environments{class=orphan}", 1.0);
  }

  /** Keeps the last value of every gauge by name and sorted tags. */
  private static final class Gauges implements StatsReporter {
    final Map<String, Double> values = new ConcurrentHashMap<>();

    @Override
    public void reportGauge(String name, Map<String, String> tags, double value) {
      values.put(name + new java.util.TreeMap<>(tags), value);
    }

    @Override
    public void reportCounter(String name, Map<String, String> tags, long value) {}

    @Override
    public void reportTimer(String name, Map<String, String> tags, Duration interval) {}

    @Override
    public void reportHistogramValueSamples(
        String name,
        Map<String, String> tags,
        Buckets buckets,
        double bucketLowerBound,
        double bucketUpperBound,
        long samples) {}

    @Override
    public void reportHistogramDurationSamples(
        String name,
        Map<String, String> tags,
        Buckets buckets,
        Duration bucketLowerBound,
        Duration bucketUpperBound,
        long samples) {}

    @Override
    public Capabilities capabilities() {
      return CapableOf.REPORTING;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
