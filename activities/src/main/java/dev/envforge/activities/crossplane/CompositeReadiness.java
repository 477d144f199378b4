package dev.envforge.activities.crossplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Crossplane's conditions on a composite. Pure.
 *
 * <ul>
 *   <li>{@code Ready=True}: ready.
 *   <li>{@code Synced=False (ReconcilePaused)}: someone paused the composite; it will not become
 *       Ready by waiting, so this is final.
 *   <li>{@code Synced=False} (e.g. {@code ReconcileError}) or {@code Ready=False (Unavailable)}:
 *       failing. Crossplane keeps retrying, so envforge keeps waiting within its patience and names
 *       the condition if the patience runs out.
 *   <li>anything else ({@code Creating}, no conditions yet): pending.
 * </ul>
 */
public final class CompositeReadiness {

  public static final String REASON_PAUSED = "ReconcilePaused";
  public static final String REASON_UNAVAILABLE = "Unavailable";

  /** The verdict and a one-line summary of the conditions (no secrets: conditions have none). */
  public record Verdict(State state, String summary) {}

  public enum State {
    READY,
    PENDING,
    FAILING,
    FINAL_FAILURE
  }

  private CompositeReadiness() {}

  public static Verdict of(List<CompositeCondition> conditions) {
    if (conditions.isEmpty()) {
      return new Verdict(State.PENDING, "no conditions yet");
    }
    Optional<CompositeCondition> ready =
        CompositeCondition.find(conditions, CompositeCondition.READY);
    Optional<CompositeCondition> synced =
        CompositeCondition.find(conditions, CompositeCondition.SYNCED);
    String summary = summary(ready, synced);
    if (ready.map(CompositeCondition::isTrue).orElse(false)) {
      return new Verdict(State.READY, summary);
    }
    if (synced.map(c -> c.isFalse() && REASON_PAUSED.equals(c.reason())).orElse(false)) {
      return new Verdict(State.FINAL_FAILURE, summary);
    }
    boolean syncFailed = synced.map(CompositeCondition::isFalse).orElse(false);
    boolean unavailable =
        ready.map(c -> c.isFalse() && REASON_UNAVAILABLE.equals(c.reason())).orElse(false);
    return new Verdict(syncFailed || unavailable ? State.FAILING : State.PENDING, summary);
  }

  private static String summary(
      Optional<CompositeCondition> ready, Optional<CompositeCondition> synced) {
    List<String> parts = new ArrayList<>();
    ready.ifPresent(c -> parts.add(c.describe()));
    synced.ifPresent(c -> parts.add(c.describe()));
    return parts.isEmpty() ? "no Ready or Synced condition yet" : String.join("; ", parts);
  }
}
