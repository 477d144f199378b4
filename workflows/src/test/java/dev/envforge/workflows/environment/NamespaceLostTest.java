package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/**
 * The reaper's signal: a live environment whose namespace was deleted by hand cleans up and ends.
 */
class NamespaceLostTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = EnvironmentFixture.temporalExtension();

  private EnvironmentFixture fixture;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EnvironmentWorkflow workflow;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    this.client = client;
    fixture = new EnvironmentFixture();
    workflow = fixture.start(env, worker, client);
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
    EnvironmentFixture.awaitPhase(env, workflow, phase);
  }
}
