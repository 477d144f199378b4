package dev.envforge.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.starter.config.TestProperties;
import dev.envforge.starter.environments.EnvironmentService;
import dev.envforge.starter.environments.EnvironmentService.Observation;
import dev.envforge.starter.environments.ObservedEnvironment;
import dev.envforge.starter.temporal.TemporalServer;
import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepState;
import dev.envforge.workflows.environment.StepStatus;
import dev.envforge.workflows.request.EnvironmentRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How often the event streams ask for a run's status: the polls that the streams of one run share,
 * the backing off while nothing changes, and the end of polling once the run has closed.
 */
class EnvironmentEventPublisherTest {

  static final String RUN_ID = "run-1";
  static final EnvironmentRequest REQUEST =
      new EnvironmentRequest("payments", "checkout", null, null, null, "PT2H").withDefaults();

  EnvironmentService environments = mock(EnvironmentService.class);
  EnvironmentEventPublisher publisher;

  EnvironmentEventPublisher publisher(Duration pollInterval, Duration maxPollInterval) {
    TemporalServer server = mock(TemporalServer.class);
    when(server.namespace()).thenReturn("default");
    EnvforgeProperties defaults = TestProperties.defaults();
    EnvforgeProperties properties =
        TestProperties.withEvents(
            new EnvforgeProperties.Events(null, pollInterval, maxPollInterval, 2));
    publisher =
        new EnvironmentEventPublisher(
            environments, new TemporalUiLinks(defaults, server), properties);
    return publisher;
  }

  @AfterEach
  void stopPolling() {
    publisher.destroy();
  }

  @Test
  void givenTwoStreamsOfOneRun_whenItProvisions_itShouldPollOnceForBoth() {
    publisher(Duration.ofMillis(50), Duration.ofMillis(50));
    when(environments.follow("payments", "checkout", RUN_ID))
        .thenReturn(open(Phase.PROVISIONING, 1), open(Phase.PROVISIONING, 2), open(Phase.READY, 4));

    publisher.stream(observed(Phase.PROVISIONING, 0));
    publisher.stream(observed(Phase.PROVISIONING, 0));

    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.watchedRuns() == 0);
    assertThat(followCalls()).isEqualTo(3);
  }

  @Test
  void givenAStatusThatStaysTheSame_whenFollowed_itShouldAskLessAndLessOften() throws Exception {
    publisher(Duration.ofMillis(20), Duration.ofMillis(320));
    when(environments.follow("payments", "checkout", RUN_ID))
        .thenReturn(open(Phase.PROVISIONING, 1));

    publisher.stream(observed(Phase.PROVISIONING, 1));
    Thread.sleep(1_500);

    // Every 20 ms would be 75 polls; doubling waits of 20, 40, ... 320 ms make at most 9.
    assertThat(followCalls()).isBetween(1L, 9L);
    assertThat(publisher.watchedRuns()).isEqualTo(1);
  }

  @Test
  void givenARunThatClosedUnsettled_whenFollowed_itShouldEndTheStreamAndStopPolling() {
    publisher(Duration.ofMillis(20), Duration.ofMillis(20));
    when(environments.follow("payments", "checkout", RUN_ID))
        .thenReturn(new Observation(observed(Phase.PROVISIONING, 1), true));

    publisher.stream(observed(Phase.PROVISIONING, 1));

    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.watchedRuns() == 0);
    assertThat(followCalls()).isEqualTo(1);
  }

  private long followCalls() {
    return mockingDetails(environments).getInvocations().stream()
        .filter(invocation -> invocation.getMethod().getName().equals("follow"))
        .count();
  }

  private static Observation open(Phase phase, int stepsDone) {
    return new Observation(observed(phase, stepsDone), false);
  }

  /** An environment in the phase with its first steps done. */
  private static ObservedEnvironment observed(Phase phase, int stepsDone) {
    List<StepState> steps =
        Arrays.stream(Step.values())
            .map(
                step ->
                    step.ordinal() < stepsDone
                        ? new StepState(step, StepStatus.DONE, null, null, 1, null)
                        : StepState.pending(step))
            .toList();
    EnvironmentStatus status =
        new EnvironmentStatus(
            REQUEST.environmentId(),
            REQUEST,
            phase,
            steps,
            EnvironmentOutputs.empty(),
            null,
            null,
            null,
            false,
            null,
            null);
    return new ObservedEnvironment(
        "payments", "checkout", "environment/payments/checkout", RUN_ID, status);
  }
}
