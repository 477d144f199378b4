package dev.envforge.workflows.reaper;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays sweeps and teardowns recorded on the local platform's Temporal dev server (with stand-in
 * activities) against today's code, so that a change cannot break a sweep or a teardown that is
 * running while workers are upgraded.
 */
class ReaperWorkflowReplayTest {

  /**
   * A sweep that tore one namespace down, found one no longer abandoned, had one teardown fail on a
   * namespace that stayed Terminating and could not signal a drifted environment's workflow; from
   * before teardowns left the wait for deletion to the sweep.
   */
  @ParameterizedTest
  @ValueSource(strings = {"histories/reaper-sweep-acting.json"})
  void givenARecordedSweep_whenReplayed_itShouldBeDeterministic(String history) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    history, ReaperWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  /** Teardowns that waited for their namespace themselves: one gone, one stuck. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/reaper-teardown-torn-down.json",
        "histories/reaper-teardown-stuck.json"
      })
  void givenARecordedTeardown_whenReplayed_itShouldBeDeterministic(String history) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    history, TeardownWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
