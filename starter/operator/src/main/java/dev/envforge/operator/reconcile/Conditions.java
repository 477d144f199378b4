package dev.envforge.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Standard Kubernetes conditions with their transition times kept: a condition whose status did not
 * change keeps the time it last changed, so watchers (and {@code kubectl wait}) see a transition
 * only when there is one. Pure.
 */
public final class Conditions {

  public static final String READY = "Ready";
  public static final String FAILED = "Failed";

  /** Whether the resource's spec is what the environment runs with (or a refused change). */
  public static final String SPEC_APPLIED = "SpecApplied";

  private final List<Condition> previous;
  private final long generation;
  private final Instant now;
  private final List<Condition> next = new ArrayList<>();

  public Conditions(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    // Kubernetes conditions carry whole seconds.
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  public Conditions set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    String since =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(now.toString());
    next.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message == null ? "" : message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    return this;
  }

  public List<Condition> list() {
    return List.copyOf(next);
  }
}
