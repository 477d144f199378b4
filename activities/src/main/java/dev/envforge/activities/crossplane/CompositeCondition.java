package dev.envforge.activities.crossplane;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One Crossplane condition as envforge judges it, e.g. {@code Ready=True (Available)} or {@code
 * Synced=False (ReconcileError)}. Every composite kind has its own generated condition type with
 * the same fields; {@link #listOf} reads any of them into this one.
 */
public record CompositeCondition(String type, String status, String reason, String message) {

  public static final String READY = "Ready";
  public static final String SYNCED = "Synced";

  /** The conditions of a status, none when there is no status or no condition yet. */
  public static <C> List<CompositeCondition> listOf(
      List<C> conditions, Function<C, CompositeCondition> read) {
    return conditions == null ? List.of() : conditions.stream().map(read).toList();
  }

  public static Optional<CompositeCondition> find(
      List<CompositeCondition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst();
  }

  public boolean isTrue() {
    return "True".equals(status);
  }

  public boolean isFalse() {
    return "False".equals(status);
  }

  /** {@code Ready=False (Creating): message}, for heartbeats and failure messages. */
  public String describe() {
    String text = type + "=" + status + (reason == null ? "" : " (" + reason + ")");
    return message == null || message.isBlank() ? text : text + ": " + message;
  }
}
