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
  void givenALivePhase_whenCounted_itShouldCountRunningWorkflowsOnly() {
    assertThat(VisibilityQuery.inPhase(Phase.READY)).endsWith(" AND ExecutionStatus = 'Running'");
    assertThat(VisibilityQuery.inPhase(Phase.DESTROYED)).doesNotContain("ExecutionStatus");
  }
}
