package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.crossplane.CompositeReadiness.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeReadinessTest {

  private static CompositeCondition condition(
      String type, String status, String reason, String message) {
    return new CompositeCondition(type, status, reason, message);
  }

  private static List<CompositeCondition> status(CompositeCondition... conditions) {
    return List.of(conditions);
  }

  @Test
  void givenNoStatus_whenJudged_itShouldBePending() {
    assertThat(CompositeReadiness.of(status()).state()).isEqualTo(State.PENDING);
  }

  @Test
  void givenReadyTrue_whenJudged_itShouldBeReady() {
    CompositeReadiness.Verdict verdict =
        CompositeReadiness.of(
            status(
                condition("Synced", "True", "ReconcileSuccess", null),
                condition("Ready", "True", "Available", null)));

    assertThat(verdict.state()).isEqualTo(State.READY);
    assertThat(verdict.summary())
        .isEqualTo("Ready=True (Available); Synced=True (ReconcileSuccess)");
  }

  @Test
  void givenCreating_whenJudged_itShouldBePendingAndSaySo() {
    CompositeReadiness.Verdict verdict =
        CompositeReadiness.of(
            status(
                condition("Ready", "False", "Creating", "Unready resources: cluster"),
                condition("Synced", "True", "ReconcileSuccess", null)));

    assertThat(verdict.state()).isEqualTo(State.PENDING);
    assertThat(verdict.summary()).contains("Ready=False (Creating): Unready resources: cluster");
  }

  @Test
  void givenAReconcileErrorOrUnavailable_whenJudged_itShouldBeFailingButNotFinal() {
    assertThat(
            CompositeReadiness.of(
                    status(
                        condition("Synced", "False", "ReconcileError", "cannot compose"),
                        condition("Ready", "False", "Creating", null)))
                .state())
        .isEqualTo(State.FAILING);
    assertThat(
            CompositeReadiness.of(status(condition("Ready", "False", "Unavailable", "down")))
                .state())
        .isEqualTo(State.FAILING);
  }

  @Test
  void givenAPausedComposite_whenJudged_itShouldBeAFinalFailure() {
    assertThat(
            CompositeReadiness.of(status(condition("Synced", "False", "ReconcilePaused", null)))
                .state())
        .isEqualTo(State.FINAL_FAILURE);
  }
}
