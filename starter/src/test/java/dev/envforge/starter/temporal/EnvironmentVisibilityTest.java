package dev.envforge.starter.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

class EnvironmentVisibilityTest {

  @Test
  void givenARunWithoutSearchAttributes_whenListed_itShouldTakeTeamAndNameFromItsId() {
    ListedEnvironment listed =
        EnvironmentVisibility.listed(
            run(
                "environment/payments/checkout",
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));

    assertThat(listed.team()).isEqualTo("payments");
    assertThat(listed.name()).isEqualTo("checkout");
    assertThat(listed.runId()).isEqualTo("run-1");
    assertThat(listed.open()).isTrue();
    assertThat(listed.phase()).isNull();
  }

  @Test
  void givenAClosedRunWithAForeignId_whenListed_itShouldKnowNeitherTeamNorName() {
    ListedEnvironment listed =
        EnvironmentVisibility.listed(
            run("something-else", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED));

    assertThat(listed.team()).isNull();
    assertThat(listed.name()).isNull();
    assertThat(listed.open()).isFalse();
  }

  private static WorkflowExecutionMetadata run(String workflowId, WorkflowExecutionStatus status) {
    WorkflowExecutionInfo info =
        WorkflowExecutionInfo.newBuilder()
            .setExecution(
                WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId("run-1"))
            .setStatus(status)
            .build();
    return new WorkflowExecutionMetadata(info, DefaultDataConverter.STANDARD_INSTANCE);
  }
}
