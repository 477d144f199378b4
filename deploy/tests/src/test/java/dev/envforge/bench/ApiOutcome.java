package dev.envforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envforge.workflows.environment.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One environment requested through the API, as the benchmark saw it.
 *
 * @param postNanos {@link System#nanoTime()} when its POST was sent
 * @param postedAt the wall-clock time of that moment, to set against the workflow's timestamps
 * @param settledNanos when a GET first showed it READY or FAILED, or when it was given up on
 * @param last the last view of it the API returned, or {@code null}
 * @param ending how following it ended
 * @param failure why it did not become READY, or {@code null}
 * @param unavailableAnswers answers of 503/504, or no answer, met on the way
 */
record ApiOutcome(
    String name,
    long postNanos,
    Instant postedAt,
    long settledNanos,
    JsonNode last,
    Ending ending,
    String failure,
    int unavailableAnswers) {

  /**
   * READY; FAILED, as the API said (a refused request, a failed or destroyed run); or UNFINISHED,
   * still provisioning when the time limit or the per-environment patience ran out.
   */
  enum Ending {
    READY,
    FAILED,
    UNFINISHED
  }

  boolean ready() {
    return ending == Ending.READY;
  }

  /** From sending the POST to reading READY in a GET: what a polling client experiences. */
  long observedMillis() {
    return (settledNanos - postNanos) / 1_000_000;
  }

  /** From sending the POST to the moment the workflow recorded READY: free of polling delay. */
  OptionalLong workflowMillis() {
    return instant("readyAt")
        .map(readyAt -> OptionalLong.of(Duration.between(postedAt, readyAt).toMillis()))
        .orElse(OptionalLong.empty());
  }

  /** From sending the POST to the workflow starting its first step. */
  OptionalLong startMillis() {
    return step(Step.CLUSTER)
        .flatMap(step -> instant(step, "startedAt"))
        .map(started -> OptionalLong.of(Duration.between(postedAt, started).toMillis()))
        .orElse(OptionalLong.empty());
  }

  OptionalLong stepMillis(Step step) {
    return step(step)
        .filter(view -> view.path("durationMillis").isNumber())
        .map(view -> OptionalLong.of(view.path("durationMillis").asLong()))
        .orElse(OptionalLong.empty());
  }

  int stepAttempts(Step step) {
    return step(step).map(view -> view.path("attempts").asInt(0)).orElse(0);
  }

  private Optional<JsonNode> step(Step wanted) {
    if (last == null) {
      return Optional.empty();
    }
    for (JsonNode step : last.path("steps")) {
      if (wanted.name().equals(step.path("step").asText())) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }

  private Optional<Instant> instant(String field) {
    return last == null ? Optional.empty() : instant(last, field);
  }

  private static Optional<Instant> instant(JsonNode node, String field) {
    String text = node.path(field).asText("");
    return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
  }
}
