package dev.envforge.workflows.reaper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of one sweep: how many namespaces fell into each class, which (up to {@link
 * #MAX_LISTED} per class), and what was done about them. Counts are always complete; the lists are
 * cut off at {@link #MAX_LISTED} so that a sweep over thousands of namespaces stays a small result.
 *
 * @param namespaces names by class, sorted, at most {@link #MAX_LISTED} each
 * @param outcomes how many actions ended how
 * @param actions the actions themselves, failures first, at most {@link #MAX_LISTED}
 * @param clusterFailures clusters that could not be surveyed, with the reason
 * @param truncated whether any list was cut off
 */
public record SweepReport(
    Instant startedAt,
    Instant finishedAt,
    boolean dryRun,
    List<String> clusters,
    Map<EnvironmentClass, Integer> counts,
    Map<EnvironmentClass, List<String>> namespaces,
    Map<ActionOutcome, Integer> outcomes,
    List<SweepAction> actions,
    List<String> clusterFailures,
    boolean truncated) {

  public static final int MAX_LISTED = 200;

  public int count(EnvironmentClass verdict) {
    return counts == null ? 0 : counts.getOrDefault(verdict, 0);
  }

  public int count(ActionOutcome outcome) {
    return outcomes == null ? 0 : outcomes.getOrDefault(outcome, 0);
  }
}
