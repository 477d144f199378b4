package dev.envforge.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves the local Temporal is a real server: a worker runs a workflow, visibility finds it. */
@ExtendWith(LocalPlatformExtension.class)
class TemporalDevServerIT {

  static final SearchAttributeKey<String> ENV_TEAM = SearchAttributeKey.forKeyword("EnvTeam");

  @WorkflowInterface
  public interface TaggingWorkflow {
    @WorkflowMethod
    String tag(String team);
  }

  public static class TaggingWorkflowImpl implements TaggingWorkflow {
    @Override
    public String tag(String team) {
      Workflow.upsertTypedSearchAttributes(ENV_TEAM.valueSet(team));
      return "tagged " + team;
    }
  }

  private WorkflowServiceStubs service;
  private WorkerFactory factory;
  private WorkflowClient client;
  private final String taskQueue = "smoke-" + UUID.randomUUID();

  @BeforeEach
  void connect(LocalPlatform platform) {
    service = platform.newTemporalService();
    client = platform.workflowClient(service);
    factory = WorkerFactory.newInstance(client);
    factory.newWorker(taskQueue).registerWorkflowImplementationTypes(TaggingWorkflowImpl.class);
    factory.start();
  }

  @AfterEach
  void disconnect() {
    factory.shutdownNow();
    service.shutdownNow();
  }

  @Test
  void givenTheDevServer_whenAWorkflowUpsertsEnvTeam_itShouldBeFoundByAVisibilityQuery() {
    String team = "smoke-" + UUID.randomUUID().toString().substring(0, 8);
    TaggingWorkflow workflow =
        client.newWorkflowStub(
            TaggingWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId("smoke/" + team)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(1))
                .build());

    assertThat(workflow.tag(team)).isEqualTo("tagged " + team);

    // Visibility is eventually consistent: poll briefly rather than assume.
    List<WorkflowExecutionMetadata> found =
        await("visibility to find EnvTeam " + team)
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(250))
            .until(
                () -> client.listExecutions("EnvTeam = '" + team + "'").toList(),
                runs -> !runs.isEmpty());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).getExecution().getWorkflowId()).isEqualTo("smoke/" + team);
    assertThat(found.get(0).getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(client.listExecutions("EnvTeam = 'nobody-" + team + "'").toList()).isEmpty();
  }
}
