package dev.envforge.starter.insights;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The platform's delivery figures over a set of runs, DORA-style: how many environments were asked
 * for, became READY or failed (and why), the change-failure rate, time to READY, time to restore
 * (from a failed environment to the next READY one of the same name), lifetimes and extensions.
 * Pure: the same runs give the same figures.
 */
public final class DeliveryFigures {

  private DeliveryFigures() {}

  /**
   * @param runs the runs started in the window
   * @param live the running environments by team, now
   */
  public static Insights of(List<RunRecord> runs, Map<String, Long> live) {
    List<RunRecord> ready = runs.stream().filter(r -> r.readyAt() != null).toList();
    List<RunRecord> failed = runs.stream().filter(RunRecord::failedProvisioning).toList();
    Map<String, Long> failuresByType =
        failed.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.failureType() == null ? "UNKNOWN" : r.failureType(),
                    TreeMap::new,
                    Collectors.counting()));
    long settled = ready.size() + failed.size();
    Double changeFailureRate = settled == 0 ? null : (double) failed.size() / settled;

    List<Duration> toReady =
        ready.stream().map(r -> Duration.between(r.startedAt(), r.readyAt())).toList();
    List<Duration> lifetimes =
        ready.stream()
            .filter(r -> !r.open() && r.closedAt() != null)
            .map(r -> Duration.between(r.readyAt(), r.closedAt()))
            .toList();
    long extensions = runs.stream().mapToLong(RunRecord::extensions).sum();

    List<Duration> restores = new ArrayList<>();
    int unrestored = 0;
    for (RunRecord failure : failed) {
      Optional<Duration> restore = timeToRestore(failure, runs);
      if (restore.isPresent()) {
        restores.add(restore.get());
      } else {
        unrestored++;
      }
    }
    return new Insights(
        runs.size(),
        ready.size(),
        failed.size(),
        failuresByType,
        changeFailureRate,
        new Insights.Spread(
            toReady.size(), percentile(toReady, 50), percentile(toReady, 95), mean(toReady)),
        new Insights.Restore(restores.size(), unrestored, mean(restores)),
        new Insights.Lifetimes(
            lifetimes.size(),
            mean(lifetimes),
            lifetimes.stream()
                .max(Comparator.naturalOrder())
                .map(DeliveryFigures::seconds)
                .orElse(null)),
        new Insights.Extensions(
            extensions, ready.isEmpty() ? null : (double) extensions / ready.size()),
        new TreeMap<>(live));
  }

  /**
   * From the failed run's end to the moment the next run of the same environment (same workflow id)
   * that started after it became READY; empty if none did (yet).
   */
  static Optional<Duration> timeToRestore(RunRecord failure, List<RunRecord> runs) {
    if (failure.closedAt() == null) {
      return Optional.empty();
    }
    return runs.stream()
        .filter(r -> r.workflowId().equals(failure.workflowId()))
        .filter(r -> r.readyAt() != null && r.startedAt().isAfter(failure.startedAt()))
        .min(Comparator.comparing(RunRecord::startedAt))
        .map(next -> Duration.between(failure.closedAt(), next.readyAt()));
  }

  /** Nearest-rank percentile in seconds; null for no values. */
  static Double percentile(List<Duration> values, int percent) {
    if (values.isEmpty()) {
      return null;
    }
    List<Duration> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return seconds(sorted.get(Math.max(rank, 1) - 1));
  }

  static Double mean(List<Duration> values) {
    if (values.isEmpty()) {
      return null;
    }
    return values.stream().mapToDouble(DeliveryFigures::seconds).average().orElseThrow();
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
