package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.envforge.workflows.lifecycle.ApprovalPolicy;
import dev.envforge.workflows.lifecycle.SleepPolicy;
import dev.envforge.workflows.lifecycle.SleepSchedule;
import dev.envforge.workflows.lifecycle.WorkloadChange;
import dev.envforge.workflows.lifecycle.WorkloadReplicas;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.temporal.client.WorkflowUpdateException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SleepWorkflowTest extends LifecycleWorkflowTestCase {

  private static final WorkloadChange SLEPT =
      new WorkloadChange(
          List.of(
              new WorkloadReplicas("Deployment", "api", 3),
              new WorkloadReplicas("StatefulSet", "cache", 1)),
          List.of());
  private static final WorkloadChange WOKE =
      new WorkloadChange(SLEPT.changed(), List.of("Deployment/made-while-asleep"));

  @BeforeEach
  void workloadsAnswer() {
    configure(ApprovalPolicy.none(), SleepPolicy.none());
    when(fixture.workloads.sleep(any())).thenReturn(SLEPT);
    when(fixture.workloads.wake(any())).thenReturn(WOKE);
  }

  @Test
  void givenAReadyEnvironment_whenSleptAndWokenTwiceEach_itShouldScaleOnceEachWay() {
    startAs("alice", EnvironmentFixture.sharedWithPostgres("PT8H"));
    awaitPhase(Phase.READY);

    EnvironmentStatus asleep = lifecycle().sleep("carol");
    assertThat(asleep.phase()).isEqualTo(Phase.SLEEPING);
    assertThat(asleep.sleep().asleep()).isTrue();
    assertThat(asleep.sleep().changedBy()).isEqualTo("carol");
    assertThat(asleep.sleep().workloads()).isEqualTo(SLEPT.changed());
    assertThat(lifecycle().sleep("carol").phase()).isEqualTo(Phase.SLEEPING);
    verify(fixture.workloads, times(1)).sleep(any());

    EnvironmentStatus awake = lifecycle().wake("dave");
    assertThat(awake.phase()).isEqualTo(Phase.READY);
    assertThat(awake.sleep().asleep()).isFalse();
    assertThat(awake.sleep().leftAsIs()).containsExactly("Deployment/made-while-asleep");
    assertThat(lifecycle().wake("dave").phase()).isEqualTo(Phase.READY);
    verify(fixture.workloads, times(1)).wake(any());

    assertThat(noticeKinds()).containsExactly(LifecycleNotifier.SLEPT, LifecycleNotifier.WOKE);
    assertThat(notices()).extracting(n -> n.actor()).containsExactly("carol", "dave");
  }

  @Test
  void givenAnEnvironmentBeingTornDown_whenAskedToSleep_itShouldRefuse() {
    startAs("alice", EnvironmentFixture.sharedWithPostgres("PT8H"));
    awaitPhase(Phase.READY);
    workflow.destroy("done");

    assertThatThrownBy(() -> lifecycle().sleep("carol"))
        .isInstanceOf(Exception.class)
        .satisfiesAnyOf(
            e -> assertThat(e).isInstanceOf(WorkflowUpdateException.class),
            e -> assertThat(e).hasMessageContaining("completed"));
    verify(fixture.workloads, never()).sleep(any());
  }

  @Test
  void givenASleepingEnvironment_whenExtendedAndThenItsTtlRunsOut_itShouldTearDownOnTime() {
    startAs("alice", EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);
    lifecycle().sleep("carol");

    Instant before = workflow.status().expiresAt();
    EnvironmentStatus extended = workflow.extend(new ExtendRequest("PT2H", null));
    assertThat(extended.phase()).isEqualTo(Phase.SLEEPING);
    Instant expiresAt = extended.expiresAt();
    assertThat(expiresAt).isEqualTo(before.plus(Duration.ofHours(2)));

    env.sleep(Duration.ofHours(5).plusMinutes(10));
    assertThat(workflow.status().phase()).isEqualTo(Phase.SLEEPING);
    assertThat(workflow.status().expiring()).isTrue();

    EnvironmentStatus result = result();
    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(result.reason()).isEqualTo("expired at " + expiresAt);
    assertThat(result.steps())
        .filteredOn(s -> s.step() == Step.NAMESPACE)
        .allSatisfy(s -> assertThat(s.endedAt()).isBetween(expiresAt, expiresAt.plusSeconds(60)));
    verify(fixture.namespaces).deleteNamespace(any());
    verify(fixture.workloads, never()).wake(any());
  }

  /**
   * Every day asleep from 20:00 to 08:00 in Berlin, across the next daylight-saving change there:
   * each change comes at the same wall-clock time, so its UTC hour moves by one across the change.
   */
  @Test
  void givenASchedule_whenADaylightSavingChangePasses_itShouldKeepTheWallClockTimes() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    configure(
        ApprovalPolicy.none(),
        new SleepPolicy(
            Map.of(
                "small",
                new SleepSchedule(
                    LocalTime.of(20, 0), LocalTime.of(8, 0), EnumSet.allOf(DayOfWeek.class))),
            Map.of("payments", "Europe/Berlin"),
            "UTC"));
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    Instant change = berlin.getRules().nextTransition(now).getInstant();
    // Start at noon (Berlin) two days before the change; the run lives across it.
    Instant start =
        change.minus(Duration.ofDays(2)).atZone(berlin).withHour(12).withMinute(0).toInstant();
    if (start.isAfter(now)) {
      env.sleep(Duration.between(now, start));
    }
    List<Instant> sleeps = new ArrayList<>();
    List<Instant> wakes = new ArrayList<>();
    when(fixture.workloads.sleep(any()))
        .thenAnswer(
            call -> {
              sleeps.add(Instant.ofEpochMilli(env.currentTimeMillis()));
              return SLEPT;
            });
    when(fixture.workloads.wake(any()))
        .thenAnswer(
            call -> {
              wakes.add(Instant.ofEpochMilli(env.currentTimeMillis()));
              return WOKE;
            });

    startAs(
        "alice",
        new EnvironmentRequest(
            "payments",
            "review",
            ClusterChoice.shared("local"),
            Profile.SMALL,
            DatabaseChoice.none(),
            "P4DT6H"));
    awaitPhase(Phase.READY);
    assertThat(workflow.status().sleep().nextScheduledChange().atZone(berlin).toLocalTime())
        .isEqualTo(LocalTime.of(20, 0));

    EnvironmentStatus result = result();

    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(sleeps).hasSize(4);
    assertThat(wakes).hasSize(4);
    assertThat(sleeps)
        .allSatisfy(
            at ->
                assertThat(at.atZone(berlin).toLocalTime().truncatedTo(ChronoUnit.MINUTES))
                    .isEqualTo(LocalTime.of(20, 0)));
    assertThat(wakes)
        .allSatisfy(
            at ->
                assertThat(at.atZone(berlin).toLocalTime().truncatedTo(ChronoUnit.MINUTES))
                    .isEqualTo(LocalTime.of(8, 0)));
    int hourBefore = sleeps.get(0).atOffset(ZoneOffset.UTC).getHour();
    int hourAfter = sleeps.get(3).atOffset(ZoneOffset.UTC).getHour();
    assertThat(Math.abs(hourBefore - hourAfter)).isEqualTo(1);
    assertThat(noticeKinds()).contains(LifecycleNotifier.SLEPT, LifecycleNotifier.WOKE);
    assertThat(notices()).extracting(n -> n.actor()).containsOnly("schedule");
  }
}
