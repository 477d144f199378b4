package dev.envforge.workflows.reaper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects a sweep's findings and actions into its {@link SweepReport}. Pure and deterministic
 * (enum maps, sorted sets), so it may live in workflow code.
 */
final class SweepTally {

  private final Instant startedAt;
  private final boolean dryRun;
  private final List<String> clusters;
  private final Map<EnvironmentClass, Integer> counts = new EnumMap<>(EnvironmentClass.class);
  private final Map<EnvironmentClass, TreeSet<String>> names =
      new EnumMap<>(EnvironmentClass.class);
  private final Map<ActionOutcome, Integer> outcomes = new EnumMap<>(ActionOutcome.class);
  private final List<SweepAction> actions = new ArrayList<>();
  private final List<String> clusterFailures = new ArrayList<>();
  private boolean truncated;

  SweepTally(Instant startedAt, boolean dryRun, List<String> clusters) {
    this.startedAt = startedAt;
    this.dryRun = dryRun;
    this.clusters = List.copyOf(clusters);
    for (EnvironmentClass verdict : EnvironmentClass.values()) {
      counts.put(verdict, 0);
      names.put(verdict, new TreeSet<>());
    }
  }

  void classified(EnvironmentClass verdict, String cluster, String namespace) {
    counts.merge(verdict, 1, Integer::sum);
    TreeSet<String> listed = names.get(verdict);
    listed.add(cluster + "/" + namespace);
    if (listed.size() > SweepReport.MAX_LISTED) {
      listed.pollLast();
      truncated = true;
    }
  }

  void acted(SweepAction action) {
    outcomes.merge(action.outcome(), 1, Integer::sum);
    actions.add(action);
  }

  void clusterFailed(String cluster, String reason) {
    clusterFailures.add(cluster + ": " + reason);
  }

  SweepReport finish(Instant finishedAt) {
    Map<EnvironmentClass, List<String>> listed = new EnumMap<>(EnvironmentClass.class);
    names.forEach((verdict, set) -> listed.put(verdict, List.copyOf(set)));
    List<SweepAction> sorted = new ArrayList<>(actions);
    // Failures first, so that a cut-off list still shows what needs attention.
    sorted.sort(
        Comparator.comparing((SweepAction a) -> a.outcome() != ActionOutcome.FAILED)
            .thenComparing(SweepAction::cluster)
            .thenComparing(SweepAction::namespace));
    boolean cut = truncated || sorted.size() > SweepReport.MAX_LISTED;
    List<SweepAction> kept =
        sorted.size() > SweepReport.MAX_LISTED
            ? List.copyOf(sorted.subList(0, SweepReport.MAX_LISTED))
            : List.copyOf(sorted);
    return new SweepReport(
        startedAt,
        finishedAt,
        dryRun,
        clusters,
        new EnumMap<>(counts),
        listed,
        new EnumMap<>(outcomes),
        kept,
        List.copyOf(clusterFailures),
        cut);
  }
}
