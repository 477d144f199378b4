package dev.envforge.bench;

import dev.envforge.workflows.environment.Step;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/** The figures of one API run: throughput, time-to-READY, failures and where the time went. */
record ApiResults(List<ApiOutcome> outcomes, int requested) {

  /** Below this many environments, a 10th-to-90th percentile window says nothing. */
  private static final int SUSTAINED_MINIMUM = 20;

  List<ApiOutcome> ready() {
    return outcomes.stream().filter(ApiOutcome::ready).toList();
  }

  List<ApiOutcome> failures() {
    return outcomes.stream().filter(o -> o.ending() == ApiOutcome.Ending.FAILED).toList();
  }

  /** Environments still provisioning when the time limit or their patience ran out. */
  List<ApiOutcome> unfinished() {
    return outcomes.stream().filter(o -> o.ending() == ApiOutcome.Ending.UNFINISHED).toList();
  }

  /** Environments that were never requested because the run ran out of time. */
  int notStarted() {
    return requested - outcomes.size();
  }

  /** From the first POST to the last environment settling, READY or not. */
  double wallSeconds() {
    long first = outcomes.stream().mapToLong(ApiOutcome::postNanos).min().orElse(0);
    long last = outcomes.stream().mapToLong(ApiOutcome::settledNanos).max().orElse(0);
    return (last - first) / 1e9;
  }

  /** READY environments per second over the whole wall time. */
  double throughput() {
    double wall = wallSeconds();
    return wall <= 0 ? 0 : ready().size() / wall;
  }

  /**
   * READY environments per second between the 10th and the 90th percentile of completions: the rate
   * once the pipeline is full, without the ramp-up and the last stragglers.
   */
  OptionalDouble sustained() {
    long[] settled = ready().stream().mapToLong(ApiOutcome::settledNanos).sorted().toArray();
    if (settled.length < SUSTAINED_MINIMUM) {
      return OptionalDouble.empty();
    }
    int from = (int) (settled.length * 0.1);
    int to = (int) (settled.length * 0.9) - 1;
    double seconds = (settled[to] - settled[from]) / 1e9;
    return seconds <= 0 ? OptionalDouble.empty() : OptionalDouble.of((to - from) / seconds);
  }

  Summary observed() {
    return Summary.of(ready().stream().map(ApiOutcome::observedMillis).toList());
  }

  Summary workflow() {
    return of(ApiOutcome::workflowMillis);
  }

  Summary start() {
    return of(ApiOutcome::startMillis);
  }

  Summary step(Step step) {
    return of(outcome -> outcome.stepMillis(step));
  }

  /** How many steps of READY environments needed more than one attempt, by step. */
  String retriedSteps() {
    return String.join(
        ", ",
        Arrays.stream(Step.values())
            .map(
                step ->
                    step.name()
                        + " "
                        + ready().stream().filter(o -> o.stepAttempts(step) > 1).count())
            .toList());
  }

  int unavailableAnswers() {
    return outcomes.stream().mapToInt(ApiOutcome::unavailableAnswers).sum();
  }

  private Summary of(Function<ApiOutcome, OptionalLong> measure) {
    return Summary.of(
        ready().stream()
            .map(measure)
            .filter(OptionalLong::isPresent)
            .map(OptionalLong::getAsLong)
            .toList());
  }
}
