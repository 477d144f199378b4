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
 * @param kinds by {@link LeftoverDeclaration#kind()}: what was found of each kind the sweep looked
 *     for, namespaces included; null in reports of sweeps from before other kinds were looked for
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
    boolean truncated,
    Map<String, KindReport> kinds) {

  public static final int MAX_LISTED = 200;

  /** A report of a sweep from before leftovers other than namespaces were looked for. */
  public SweepReport(
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
    this(
        startedAt,
        finishedAt,
        dryRun,
        clusters,
        counts,
        namespaces,
        outcomes,
        actions,
        clusterFailures,
        truncated,
        null);
  }

  /**
   * What the sweep found of one kind ({@link LeftoverDeclaration#kind()}); null if not looked for.
   */
  public KindReport kind(String kind) {
    return kinds == null ? null : kinds.get(kind);
  }

  public int count(EnvironmentClass verdict) {
    return counts == null ? 0 : counts.getOrDefault(verdict, 0);
  }

  public int count(ActionOutcome outcome) {
    return outcomes == null ? 0 : outcomes.getOrDefault(outcome, 0);
  }
}
