package dev.envforge.workflows.environment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The state of every step, as the status query and the UI's details show it. */
final class StepLedger {

  private final Map<Step, StepState> steps = new EnumMap<>(Step.class);

  StepLedger() {
    for (Step step : Step.values()) {
      steps.put(step, StepState.pending(step));
    }
  }

  StepState get(Step step) {
    return steps.get(step);
  }

  List<StepState> snapshot() {
    return List.copyOf(new ArrayList<>(steps.values()));
  }

  void started(Step step, Instant at) {
    StepState s = steps.get(step);
    steps.put(step, new StepState(step, StepStatus.RUNNING, at, null, s.attempts(), s.lastError()));
  }

  void attempt(Step step) {
    StepState s = steps.get(step);
    steps.put(
        step,
        new StepState(
            step, s.status(), s.startedAt(), s.endedAt(), s.attempts() + 1, s.lastError()));
  }

  void error(Step step, String message) {
    StepState s = steps.get(step);
    steps.put(
        step, new StepState(step, s.status(), s.startedAt(), s.endedAt(), s.attempts(), message));
  }

  void finished(Step step, StepStatus status, Instant at) {
    StepState s = steps.get(step);
    Instant started = s.startedAt() == null ? at : s.startedAt();
    steps.put(step, new StepState(step, status, started, at, s.attempts(), s.lastError()));
  }

  /** A step that is not part of this environment. */
  void skipped(Step step) {
    steps.put(step, new StepState(step, StepStatus.SKIPPED, null, null, 0, null));
  }

  /** The running steps, for the UI's current details. */
  List<StepState> running() {
    return steps.values().stream().filter(s -> s.status() == StepStatus.RUNNING).toList();
  }
}
