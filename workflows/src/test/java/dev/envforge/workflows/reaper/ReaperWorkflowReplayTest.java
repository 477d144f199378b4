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
   * A sweep that tore one namespace down, found one no longer abandoned, had one namespace stay
   * Terminating and could not signal a drifted environment's workflow: once from before teardowns
   * left the wait for deletion to the sweep (each teardown waited, the stuck one failed), and once
   * after (the sweep confirmed the deletions and found the one stuck), so both sides of {@link
   * ReaperWorkflowImpl#SWEEP_CONFIRMS_DELETIONS} replay. A third sweep (recorded with mocked
   * activities in the test environment) looked for every leftover ({@link
   * ReaperWorkflowImpl#EVERY_LEFTOVER}): a namespace on a dedicated cluster, a database and a
   * composite, all removed.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/reaper-sweep-acting.json",
        "histories/reaper-sweep-confirms-deletions.json",
        "histories/reaper-sweep-every-leftover.json"
      })
  void givenARecordedSweep_whenReplayed_itShouldBeDeterministic(String history) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    history, ReaperWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  /**
   * Teardowns that waited for their namespace themselves (one gone, one stuck), and one that only
   * requested the deletion for its sweep to confirm, and one of a namespace on a dedicated cluster.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/reaper-teardown-torn-down.json",
        "histories/reaper-teardown-stuck.json",
        "histories/reaper-teardown-requests-deletion.json",
        "histories/reaper-teardown-dedicated-cluster.json"
      })
  void givenARecordedTeardown_whenReplayed_itShouldBeDeterministic(String history) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    history, TeardownWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
