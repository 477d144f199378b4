package dev.envforge.workflows.quota;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays quota runs recorded on the local platform's dev server against today's code, so that runs
 * open on a server when the worker is upgraded go on without a nondeterminism error.
 */
class TeamQuotaWorkflowReplayTest {

  /**
   * Recorded before the live set: reservations judged by the API's listing (granted, repeated,
   * granted, refused on a cut list), then the idle end.
   */
  private static final String LISTED_IDLE_END = "histories/team-quota-legacy-idle-end.json";

  /**
   * Begun by a worker from before the live set with a listed reservation, taken over by a worker
   * with the live set: the first request without a listing made the run list the team's running
   * environments and hold the set (refused at the limit, granted after a release, an older API's
   * listing ignored). Kept as it stood while open: the terminate that ended the recording is cut
   * off, because the replayer does not take a terminate that follows a timer without a task.
   */
  private static final String LISTED_THEN_LIVE_SET =
      "histories/team-quota-listed-then-live-set.json";

  @ParameterizedTest
  @ValueSource(strings = {LISTED_IDLE_END, LISTED_THEN_LIVE_SET})
  void givenARecordedHistory_whenReplayed_itShouldBeDeterministic(String history) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    history, TeamQuotaWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
