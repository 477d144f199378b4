package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/**
 * The reaper's signal: a live environment whose namespace was deleted by hand cleans up and ends.
 */
class NamespaceLostTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(EnvironmentWorkflowImpl.class)
          .registerSearchAttribute("EnvTeam", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .registerSearchAttribute("EnvName", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .registerSearchAttribute("EnvPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .registerSearchAttribute("EnvCluster", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .registerSearchAttribute("EnvExpiresAt", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME)
          .setDoNotStart(true)
          .build();

  private EnvironmentFixture fixture;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EnvironmentWorkflow workflow;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    this.client = client;
    fixture = new EnvironmentFixture();
    worker.registerActivitiesImplementations(fixture.activities());
    env.start();
    workflow =
        client.newWorkflowStub(
            EnvironmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("environment/payments/review")
                .setTaskQueue(worker.getTaskQueue())
                .build());
  }

  @Test
  void givenAReadyEnvironment_whenItsNamespaceIsLost_itShouldDropTheDatabaseAndEndDestroyed() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("P2D"));
    awaitPhase(Phase.READY);

    workflow.namespaceLost("namespace env-payments-review was deleted outside envforge");
    // A second sweep's signal while tearing down changes nothing.
    workflow.namespaceLost("namespace env-payments-review was deleted outside envforge");
    EnvironmentStatus result =
        client
            .newUntypedWorkflowStub("environment/payments/review")
            .getResult(EnvironmentStatus.class);

    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(result.reason()).contains("deleted outside envforge");
    InOrder order = inOrder(fixture.postgres, fixture.namespaces);
    order.verify(fixture.postgres).dropDatabase(any());
    order.verify(fixture.namespaces).deleteNamespace(any());
    verify(fixture.postgres, times(1)).dropDatabase(any());
  }

  private void awaitPhase(Phase phase) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (workflow.status().phase() == phase) {
        return;
      }
      env.sleep(Duration.ofMillis(200));
    }
    throw new AssertionError("never reached " + phase + "; last: " + workflow.status());
  }
}
