package dev.envforge.starter.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.environment.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures of a small set of runs, each worked out by hand in the comments. */
class DeliveryFiguresTest {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void givenRunsOfEveryKind_whenFigured_itShouldMatchTheHandComputedFigures() {
    List<RunRecord> runs =
        List.of(
            // a: READY after 10 s, destroyed 100 s later, extended twice.
            new RunRecord(
                "payments",
                "environment/payments/a",
                Phase.DESTROYED,
                false,
                at(0),
                at(110),
                at(10),
                null,
                2),
            // b: failed (UNKNOWN_CLUSTER) at 5 s; b again READY at 65 s: restored in 60 s.
            new RunRecord(
                "payments",
                "environment/payments/b",
                Phase.FAILED,
                false,
                at(0),
                at(5),
                null,
                "UNKNOWN_CLUSTER",
                0),
            new RunRecord(
                "payments",
                "environment/payments/b",
                Phase.READY,
                true,
                at(30),
                null,
                at(65),
                null,
                0),
            // c: READY after 40 s, still running.
            new RunRecord(
                "search", "environment/search/c", Phase.READY, true, at(0), null, at(40), null, 1),
            // d: failed (INVALID_REQUEST), never followed by a READY d.
            new RunRecord(
                "search",
                "environment/search/d",
                Phase.FAILED,
                false,
                at(0),
                at(1),
                null,
                "INVALID_REQUEST",
                0),
            // e: still provisioning: requested, neither READY nor failed.
            new RunRecord(
                "search",
                "environment/search/e",
                Phase.PROVISIONING,
                true,
                at(0),
                null,
                null,
                null,
                0));

    Insights figures = DeliveryFigures.of(runs, Map.of("search", 2L, "payments", 1L));

    assertThat(figures.requested()).isEqualTo(6);
    assertThat(figures.ready()).isEqualTo(3);
    assertThat(figures.failed()).isEqualTo(2);
    assertThat(figures.failuresByType())
        .containsExactly(Map.entry("INVALID_REQUEST", 1L), Map.entry("UNKNOWN_CLUSTER", 1L));
    // 2 failed / (3 READY + 2 failed)
    assertThat(figures.changeFailureRate()).isEqualTo(0.4);
    // times to READY: 10, 35, 40 s. Nearest rank: p50 = 2nd = 35, p95 = 3rd = 40; mean 85/3.
    assertThat(figures.timeToReady().count()).isEqualTo(3);
    assertThat(figures.timeToReady().p50Seconds()).isEqualTo(35.0);
    assertThat(figures.timeToReady().p95Seconds()).isEqualTo(40.0);
    assertThat(figures.timeToReady().meanSeconds()).isEqualTo(85.0 / 3);
    // b failed at 5 s, the next b was READY at 65 s; d was never restored.
    assertThat(figures.timeToRestore().restored()).isEqualTo(1);
    assertThat(figures.timeToRestore().unrestored()).isEqualTo(1);
    assertThat(figures.timeToRestore().meanSeconds()).isEqualTo(60.0);
    // only a has ended after being READY: 110 - 10 = 100 s.
    assertThat(figures.lifetimes().ended()).isEqualTo(1);
    assertThat(figures.lifetimes().meanSeconds()).isEqualTo(100.0);
    assertThat(figures.lifetimes().maxSeconds()).isEqualTo(100.0);
    // 2 + 1 extensions over 3 READY environments.
    assertThat(figures.extensions().total()).isEqualTo(3);
    assertThat(figures.extensions().perReadyEnvironment()).isEqualTo(1.0);
    assertThat(figures.live()).containsExactly(Map.entry("payments", 1L), Map.entry("search", 2L));
  }

  @Test
  void givenNoRuns_whenFigured_itShouldCountZeroAndLeaveRatesAndDurationsNull() {
    Insights figures = DeliveryFigures.of(List.of(), Map.of());

    assertThat(figures.requested()).isZero();
    assertThat(figures.changeFailureRate()).isNull();
    assertThat(figures.timeToReady().p50Seconds()).isNull();
    assertThat(figures.timeToRestore().meanSeconds()).isNull();
    assertThat(figures.extensions().perReadyEnvironment()).isNull();
  }
}
