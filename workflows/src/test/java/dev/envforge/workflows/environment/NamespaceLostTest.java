package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The reaper's signal: a live environment whose namespace was deleted by hand cleans up and ends.
 */
class NamespaceLostTest extends EnvironmentWorkflowTestCase {

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
}
