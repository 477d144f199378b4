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

  @ParameterizedTest
  @ValueSource(strings = {LISTED_IDLE_END})
  void givenARecordedHistory_whenReplayed_itShouldBeDeterministic(String history) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    history, TeamQuotaWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
