package dev.envforge.workflows.environment;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The undo actions of the steps that have begun, registered before each step runs (so a step that
 * half-happened is undone too; every undo tolerates a step that never happened). Used both for
 * compensation after a failure and for teardown, always in reverse order.
 */
final class Compensations {

  private record Undo(Step step, Duration deadline, Runnable action) {}

  private final List<Undo> undos = new ArrayList<>();

  void register(Step step, Duration deadline, Runnable action) {
    undos.add(new Undo(step, deadline, action));
  }

  /**
   * Runs every undo in reverse, continuing past failures so one stuck step does not leave the
   * others behind.
   *
   * @return the failures of undos that failed for good, in the order they happened
   */
  List<ApplicationFailure> undoAll(StepRunner runner) {
    List<ApplicationFailure> failures = new ArrayList<>();
    for (int i = undos.size() - 1; i >= 0; i--) {
      Undo undo = undos.get(i);
      try {
        runner.undo(undo.step(), undo.deadline(), undo.action());
      } catch (ApplicationFailure failure) {
        failures.add(failure);
      }
    }
    undos.clear();
    return failures;
  }
}
