package dev.envforge.starter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.lifecycle.ApprovalOutcome;
import dev.envforge.workflows.lifecycle.ApprovalState;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeToReadyRecorderTest {

  private static final Instant CREATED = Instant.parse("2030-01-01T10:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TimeToReadyRecorder recorder = new TimeToReadyRecorder(registry);

  private static EnvironmentStatus status(Phase phase, Instant readyAt) {
    return new EnvironmentStatus(
        "a-b",
        null,
        phase,
        List.of(),
        EnvironmentOutputs.empty(),
        CREATED,
        readyAt,
        null,
        false,
        null,
        null);
  }

  private Timer timer() {
    return registry.get(TimeToReadyRecorder.METRIC).timer();
  }

  @Test
  void givenARunSeenReadyTwice_whenObserved_itShouldRecordItOnceWithTheWorkflowsTimes() {
    EnvironmentStatus ready = status(Phase.READY, CREATED.plusSeconds(42));

    recorder.observe("run-1", ready);
    recorder.observe("run-1", ready);

    assertThat(timer().count()).isEqualTo(1);
    assertThat(timer().totalTime(TimeUnit.SECONDS)).isEqualTo(42.0);
  }

  @Test
  void givenTwoRuns_whenBothSeenReady_itShouldRecordBoth() {
    recorder.observe("run-1", status(Phase.READY, CREATED.plusSeconds(10)));
    recorder.observe("run-2", status(Phase.READY, CREATED.plusSeconds(20)));

    assertThat(timer().count()).isEqualTo(2);
  }

  @Test
  void givenAnApprovedRun_whenSeenReady_itShouldCountFromTheApprovalNotTheRequest() {
    Instant approved = CREATED.plusSeconds(3600);
    EnvironmentStatus ready = status(Phase.READY, approved.plusSeconds(30));
    EnvironmentStatus approvedReady =
        new EnvironmentStatus(
            ready.environmentId(),
            ready.request(),
            ready.phase(),
            ready.steps(),
            ready.outputs(),
            ready.createdAt(),
            ready.readyAt(),
            ready.expiresAt(),
            ready.expiring(),
            ready.reason(),
            ready.warning(),
            List.of(),
            ApprovalState.pending("alice", CREATED, CREATED.plusSeconds(86400))
                .decided(ApprovalOutcome.APPROVED, "bob", approved, null),
            null);

    recorder.observe("run-1", approvedReady);

    assertThat(timer().totalTime(TimeUnit.SECONDS)).isEqualTo(30.0);
  }

  @Test
  void givenARunNotReady_whenObserved_itShouldRecordNothing() {
    recorder.observe("run-1", status(Phase.PROVISIONING, null));
    recorder.observe("run-2", status(Phase.FAILED, null));

    assertThat(timer().count()).isZero();
  }
}
