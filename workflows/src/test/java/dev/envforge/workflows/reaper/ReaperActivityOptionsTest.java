package dev.envforge.workflows.reaper;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReaperActivityOptionsTest {

  @Test
  void givenAReaperActivity_whenStarted_itShouldBeRetriedByTheServerAFewTimes() {
    for (ActivityOptions options :
        List.of(
            ReaperActivityOptions.SURVEY,
            ReaperActivityOptions.CHECK,
            ReaperActivityOptions.DROP_DATABASE,
            ReaperActivityOptions.DELETE_NAMESPACE,
            ReaperActivityOptions.AWAIT_GONE)) {
      assertThat(options.getRetryOptions().getMaximumAttempts()).isEqualTo(5);
      assertThat(options.getRetryOptions().getMaximumInterval()).isEqualTo(Duration.ofSeconds(20));
      assertThat(options.getCancellationType())
          .isNotEqualTo(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED);
    }
  }

  @Test
  void givenTheTeardownsActivities_whenStarted_itShouldKeepTheEnvironmentStepsTimeouts() {
    assertThat(ReaperActivityOptions.DROP_DATABASE.getStartToCloseTimeout())
        .isEqualTo(Duration.ofMinutes(3));
    assertThat(ReaperActivityOptions.DROP_DATABASE.getHeartbeatTimeout())
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(ReaperActivityOptions.DELETE_NAMESPACE.getStartToCloseTimeout())
        .isEqualTo(Duration.ofMinutes(45));
    assertThat(ReaperActivityOptions.DELETE_NAMESPACE.getHeartbeatTimeout())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void givenATeardownThatLeavesTheWaitToItsSweep_whenItCalls_itShouldUseTheSameCallsTimeouts() {
    for (LocalActivityOptions options :
        List.of(
            ReaperActivityOptions.LOCAL_CHECK,
            ReaperActivityOptions.LOCAL_DROP_DATABASE,
            ReaperActivityOptions.LOCAL_REQUEST_DELETION)) {
      assertThat(options.getRetryOptions().getMaximumAttempts()).isEqualTo(5);
    }
    assertThat(ReaperActivityOptions.LOCAL_CHECK.getStartToCloseTimeout())
        .isEqualTo(ReaperActivityOptions.CHECK.getStartToCloseTimeout());
    assertThat(ReaperActivityOptions.LOCAL_DROP_DATABASE.getStartToCloseTimeout())
        .isEqualTo(Duration.ofMinutes(3));
    assertThat(ReaperActivityOptions.LOCAL_REQUEST_DELETION.getStartToCloseTimeout())
        .isEqualTo(Duration.ofSeconds(60));
    // The sweep's wait heartbeats like a single namespace's wait did.
    assertThat(ReaperActivityOptions.AWAIT_GONE.getHeartbeatTimeout())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void givenTheReadsOfASweep_whenStarted_itShouldNotExpectHeartbeats() {
    assertThat(ReaperActivityOptions.SURVEY.getStartToCloseTimeout())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(ReaperActivityOptions.SURVEY.getHeartbeatTimeout()).isNull();
    assertThat(ReaperActivityOptions.CHECK.getStartToCloseTimeout())
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(ReaperActivityOptions.CHECK.getHeartbeatTimeout()).isNull();
  }
}
