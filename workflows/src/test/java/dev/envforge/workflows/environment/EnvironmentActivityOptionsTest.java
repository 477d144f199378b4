package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentActivityOptionsTest {

  @Test
  void givenAStepsActivity_whenStarted_itShouldRunOnceAndBeWaitedForWhenCancelled() {
    for (ActivityOptions step :
        List.of(
            EnvironmentActivityOptions.QUICK,
            EnvironmentActivityOptions.DATABASE,
            EnvironmentActivityOptions.WAITING)) {
      assertThat(step.getRetryOptions().getMaximumAttempts()).isEqualTo(1);
      assertThat(step.getCancellationType())
          .isEqualTo(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED);
    }
  }

  @Test
  void givenEachKindOfStep_whenStarted_itShouldHaveItsTimeoutAndHeartbeatTimeout() {
    assertTimeouts(
        EnvironmentActivityOptions.QUICK, Duration.ofSeconds(60), Duration.ofSeconds(20));
    assertTimeouts(
        EnvironmentActivityOptions.DATABASE, Duration.ofMinutes(3), Duration.ofSeconds(20));
    assertTimeouts(
        EnvironmentActivityOptions.WAITING, Duration.ofMinutes(45), Duration.ofSeconds(30));
  }

  @Test
  void givenAShortStepRunLocally_whenStarted_itShouldRunOnceWithinTheRegularStepsTimeout() {
    assertThat(EnvironmentActivityOptions.LOCAL_QUICK.getRetryOptions().getMaximumAttempts())
        .isEqualTo(1);
    assertThat(EnvironmentActivityOptions.LOCAL_DATABASE.getRetryOptions().getMaximumAttempts())
        .isEqualTo(1);
    assertThat(EnvironmentActivityOptions.LOCAL_QUICK.getStartToCloseTimeout())
        .isEqualTo(EnvironmentActivityOptions.QUICK.getStartToCloseTimeout());
    assertThat(EnvironmentActivityOptions.LOCAL_DATABASE.getStartToCloseTimeout())
        .isEqualTo(EnvironmentActivityOptions.DATABASE.getStartToCloseTimeout());
  }

  @Test
  void givenACallThatIsNotAStep_whenStarted_itShouldBeRetriedByTheServer() {
    assertThat(EnvironmentActivityOptions.ANNOTATE.getRetryOptions().getMaximumAttempts())
        .isEqualTo(10);
    assertThat(EnvironmentActivityOptions.NOTIFY.getRetryOptions().getMaximumAttempts())
        .isEqualTo(5);
    assertThat(EnvironmentActivityOptions.SETTINGS.getRetryOptions().getMaximumAttempts())
        .isEqualTo(5);
  }

  private static void assertTimeouts(
      ActivityOptions options, Duration startToClose, Duration heartbeat) {
    assertThat(options.getStartToCloseTimeout()).isEqualTo(startToClose);
    assertThat(options.getHeartbeatTimeout()).isEqualTo(heartbeat);
  }
}
