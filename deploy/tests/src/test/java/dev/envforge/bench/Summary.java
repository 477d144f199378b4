package dev.envforge.bench;

import java.util.Collection;
import java.util.List;

/** Percentiles (nearest rank) of a set of millisecond durations. */
record Summary(int count, long p50, long p95, long p99, long max, double mean) {

  static Summary of(Collection<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return new Summary(0, 0, 0, 0, 0, 0);
    }
    return new Summary(
        sorted.size(),
        rank(sorted, 0.50),
        rank(sorted, 0.95),
        rank(sorted, 0.99),
        sorted.get(sorted.size() - 1),
        sorted.stream().mapToLong(Long::longValue).average().orElse(0));
  }

  private static long rank(List<Long> sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  String percentiles() {
    return count == 0
        ? "no data"
        : String.format("p50 %d ms  p95 %d ms  p99 %d ms  max %d ms", p50, p95, p99, max);
  }
}
