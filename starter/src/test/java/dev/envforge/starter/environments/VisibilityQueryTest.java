package dev.envforge.starter.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.workflows.environment.Phase;
import org.junit.jupiter.api.Test;

class VisibilityQueryTest {

  @Test
  void givenNoFilter_whenBuilt_itShouldSelectEnvironmentWorkflowsOnly() {
    assertThat(VisibilityQuery.environments(null, null))
        .isEqualTo("WorkflowType = 'EnvironmentWorkflow'");
  }

  @Test
  void givenTeamAndPhase_whenBuilt_itShouldFilterOnTheSearchAttributes() {
    assertThat(VisibilityQuery.environments("payments", Phase.READY))
        .isEqualTo(
            "WorkflowType = 'EnvironmentWorkflow' AND EnvTeam = 'payments' AND EnvPhase = 'READY'");
  }

  @Test
  void givenATeamWithAQuote_whenBuilt_itShouldRefuseRatherThanSpliceIt() {
    assertThatThrownBy(() -> VisibilityQuery.environments("a' OR '1'='1", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenACallersTeams_whenBuilt_itShouldRestrictToThem() {
    assertThat(VisibilityQuery.environments(null, Phase.READY, java.util.Set.of("b", "a")))
        .isEqualTo(
            "WorkflowType = 'EnvironmentWorkflow' AND EnvPhase = 'READY' AND EnvTeam IN ('a', 'b')");
    assertThatThrownBy(() -> VisibilityQuery.environments(null, null, java.util.Set.of("a', 'b")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQuery.environments(null, null, java.util.Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenATeam_whenItsRunningRunsAreQueried_itShouldAskForRunningOnes() {
    assertThat(VisibilityQuery.running("payments"))
        .isEqualTo(
            "WorkflowType = 'EnvironmentWorkflow' AND EnvTeam = 'payments'"
                + " AND ExecutionStatus = 'Running'");
  }

  @Test
  void givenALivePhase_whenCounted_itShouldCountRunningWorkflowsOnly() {
    assertThat(VisibilityQuery.inPhase(Phase.READY)).endsWith(" AND ExecutionStatus = 'Running'");
    assertThat(VisibilityQuery.inPhase(Phase.DESTROYED)).doesNotContain("ExecutionStatus");
  }
}
