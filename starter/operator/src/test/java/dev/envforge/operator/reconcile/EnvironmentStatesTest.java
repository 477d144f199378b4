package dev.envforge.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.operator.reconcile.EnvironmentStates.Run;
import dev.envforge.operator.resource.Environment;
import dev.envforge.operator.resource.EnvironmentState;
import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepState;
import dev.envforge.workflows.environment.StepStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentStatesTest {

  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-29T10:05:00Z");
  private static final Run RUN =
      new Run("payments", "environment/payments/checkout", "run-1", "http://ui/run-1");

  @Test
  void givenAReadyEnvironment_itShouldBeReadyWithItsNamespaceSecretAndExpiry() {
    EnvironmentState state =
        EnvironmentStates.following(resource(3, null), RUN, status(Phase.READY, null), null, T0);

    assertThat(state.phase()).isEqualTo("READY");
    assertThat(state.namespace()).isEqualTo("env-payments-checkout");
    assertThat(state.secretName()).isEqualTo("envforge-database");
    assertThat(state.expiresAt()).isEqualTo("2026-11-29T18:00:00Z");
    assertThat(state.observedGeneration()).isEqualTo(3L);
    assertThat(state.runId()).isEqualTo("run-1");
    assertThat(state.steps())
        .containsExactly(new EnvironmentState.StepSummary("NAMESPACE", "DONE", 1, null));
    assertThat(condition(state, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(state, "Failed").getStatus()).isEqualTo("False");
    assertThat(condition(state, "SpecApplied").getStatus()).isEqualTo("True");
  }

  @Test
  void givenAFailedEnvironment_itShouldCarryTheWorkflowsReason() {
    EnvironmentState state =
        EnvironmentStates.following(
            resource(1, null), RUN, status(Phase.FAILED, "NAMESPACE_CONFLICT: taken"), null, T0);

    Condition failed = condition(state, "Failed");
    assertThat(failed.getStatus()).isEqualTo("True");
    assertThat(failed.getReason()).isEqualTo("EnvironmentFailed");
    assertThat(failed.getMessage()).isEqualTo("NAMESPACE_CONFLICT: taken");
    assertThat(condition(state, "Ready").getStatus()).isEqualTo("False");
  }

  @Test
  void givenARejectedRequest_itShouldBeNeitherReadyNorFailedAndSayWhy() {
    EnvironmentState state =
        EnvironmentStates.following(
            resource(1, null), RUN, status(Phase.REJECTED, "too expensive"), null, T0);

    Condition ready = condition(state, "Ready");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("Rejected");
    assertThat(ready.getMessage()).isEqualTo("rejected: too expensive");
    assertThat(condition(state, "Failed").getStatus()).isEqualTo("False");
  }

  @Test
  void givenASleepingEnvironment_itShouldNotBeReadyUntilWoken() {
    EnvironmentState state =
        EnvironmentStates.following(resource(1, null), RUN, status(Phase.SLEEPING, null), null, T0);

    assertThat(state.phase()).isEqualTo("SLEEPING");
    assertThat(condition(state, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(state, "Ready").getReason()).isEqualTo("Sleeping");
    assertThat(state.namespace()).isEqualTo("env-payments-checkout");
  }

  @Test
  void givenAnUnchangedCondition_itShouldKeepItsTransitionTime() {
    EnvironmentState first =
        EnvironmentStates.following(resource(1, null), RUN, status(Phase.READY, null), null, T0);
    EnvironmentState second =
        EnvironmentStates.following(
            resource(2, first),
            RUN,
            status(Phase.READY, null),
            new Refusal("SpecChangeRefused", "profile changed"),
            T1);

    assertThat(condition(second, "Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(condition(second, "SpecApplied").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(condition(second, "SpecApplied").getStatus()).isEqualTo("False");
    assertThat(condition(second, "SpecApplied").getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void givenARefusal_itShouldFailWithoutForgettingTheRunFollowedBefore() {
    EnvironmentState before =
        EnvironmentStates.following(resource(1, null), RUN, status(Phase.READY, null), null, T0);

    EnvironmentState refused =
        EnvironmentStates.refused(
            resource(1, before),
            "payments",
            new Refusal(Refusal.NAMESPACE_NOT_TEAM, "no label"),
            T1);

    assertThat(refused.runId()).isEqualTo("run-1");
    assertThat(condition(refused, "Failed").getReason()).isEqualTo("NamespaceHasNoTeam");
    assertThat(condition(refused, "Ready").getStatus()).isEqualTo("False");
  }

  private static Environment resource(long generation, EnvironmentState status) {
    Environment resource = new Environment();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName("checkout")
            .withNamespace("team-payments")
            .withGeneration(generation)
            .build());
    resource.setStatus(status);
    return resource;
  }

  private static EnvironmentStatus status(Phase phase, String reason) {
    return new EnvironmentStatus(
        "payments-checkout",
        null,
        phase,
        List.of(new StepState(Step.NAMESPACE, StepStatus.DONE, T0, T0, 1, null)),
        new EnvironmentOutputs(
            "local", "env-payments-checkout", "envforge-database", "db", "host", 5432),
        T0,
        T0,
        Instant.parse("2026-11-29T18:00:00Z"),
        false,
        reason,
        null);
  }

  private static Condition condition(EnvironmentState state, String type) {
    return state.condition(type).orElseThrow();
  }
}
