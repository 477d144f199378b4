package dev.envforge.workflows.reaper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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

  /**
   * Null until the sweep looks for kinds besides namespaces; then by kind, in declaration order.
   */
  private Map<String, KindTally> kinds;

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
    truncated |= list(names.get(verdict), cluster + "/" + namespace);
    if (kinds != null) {
      classifiedKind(Leftovers.NAMESPACE, verdict, cluster + "/" + namespace);
    }
  }

  /**
   * From now on the report lists what was found of each kind: namespaces (also counted as before)
   * and each of {@code declarations}, even those of which nothing is found.
   */
  void lookForKinds(List<LeftoverDeclaration> declarations) {
    kinds = new LinkedHashMap<>();
    kinds.put(Leftovers.NAMESPACE.kind(), new KindTally(Leftovers.NAMESPACE.placement()));
    declarations.forEach(d -> kinds.putIfAbsent(d.kind(), new KindTally(d.placement())));
  }

  /** One leftover of a kind other than namespaces, by its report name. */
  void classifiedKind(LeftoverDeclaration declaration, EnvironmentClass verdict, String name) {
    KindTally tally =
        kinds.computeIfAbsent(declaration.kind(), k -> new KindTally(declaration.placement()));
    tally.counts.merge(verdict, 1, Integer::sum);
    truncated |= list(tally.names.computeIfAbsent(verdict, v -> new TreeSet<>()), name);
  }

  /** Adds a name to a sorted list that keeps at most MAX_LISTED; true when one was cut off. */
  private static boolean list(TreeSet<String> listed, String name) {
    listed.add(name);
    if (listed.size() > SweepReport.MAX_LISTED) {
      listed.pollLast();
      return true;
    }
    return false;
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
        cut,
        kindReports());
  }

  private Map<String, KindReport> kindReports() {
    if (kinds == null) {
      return null;
    }
    Map<String, KindReport> reports = new LinkedHashMap<>();
    kinds.forEach((kind, tally) -> reports.put(kind, tally.report()));
    return reports;
  }

  /** Counts and names of one kind, every class present (zero when nothing fell into it). */
  private static final class KindTally {
    private final LeftoverPlacement placement;
    private final Map<EnvironmentClass, Integer> counts = new EnumMap<>(EnvironmentClass.class);
    private final Map<EnvironmentClass, TreeSet<String>> names =
        new EnumMap<>(EnvironmentClass.class);

    KindTally(LeftoverPlacement placement) {
      this.placement = placement;
    }

    KindReport report() {
      Map<EnvironmentClass, Integer> allCounts = new EnumMap<>(EnvironmentClass.class);
      Map<EnvironmentClass, List<String>> allNames = new EnumMap<>(EnvironmentClass.class);
      for (EnvironmentClass verdict : EnvironmentClass.values()) {
        allCounts.put(verdict, counts.getOrDefault(verdict, 0));
        allNames.put(verdict, List.copyOf(names.getOrDefault(verdict, new TreeSet<>())));
      }
      return new KindReport(placement, allCounts, allNames);
    }
  }
}
