package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.envforge.workflows.activities.ArgoCdRegistrationSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.failure.EnvironmentFailure;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The ARGOCD step: when it runs, what it is told, how it is undone, and when it is skipped. */
class ArgoCdRegistrationTest extends EnvironmentWorkflowTestCase {

  @Test
  void givenRegistrationOn_whenReady_itShouldRegisterTheNamespaceOnItsClusterOnce() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    EnvironmentStatus status = workflow.status();
    verify(fixture.argoCd)
        .registerWithArgoCd(
            new ArgoCdRegistrationSpec(
                EnvironmentFixture.SHARED,
                "env-payments-review",
                new EnvironmentLabels(
                    "payments-review",
                    "payments",
                    "environment/payments/review",
                    status.expiresAt())));
    verify(fixture.argoCd, never()).unregisterFromArgoCd(any());
    assertThat(stepOf(status, Step.ARGOCD).status()).isEqualTo(StepStatus.DONE);
  }

  @Test
  void givenADedicatedCluster_whenReady_itShouldNameTheDedicatedClusterToArgoCd() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.dedicatedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    verify(fixture.argoCd)
        .registerWithArgoCd(
            org.mockito.ArgumentMatchers.argThat(
                spec -> spec.cluster().equals(EnvironmentFixture.DEDICATED)));
  }

  @Test
  void givenARegisteredEnvironment_whenDestroyed_itShouldUnregisterBeforeTheNamespaceGoes() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    workflow.destroy("done");
    EnvironmentStatus result =
        client
            .newUntypedWorkflowStub("environment/payments/review")
            .getResult(EnvironmentStatus.class);

    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(stepOf(result, Step.ARGOCD).status()).isEqualTo(StepStatus.COMPENSATED);
    InOrder order = inOrder(fixture.argoCd, fixture.postgres, fixture.namespaces);
    order.verify(fixture.argoCd).unregisterFromArgoCd(any());
    order.verify(fixture.postgres).dropDatabase(any());
    order.verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenARegistrationConflict_whenProvisioning_itShouldUndoEveryStepAndFailWithTheReason() {
    doThrow(
            EnvironmentFailure.ARGOCD_CONFLICT.failure(
                "AppProject argocd/env-payments-review belongs to environment other"))
        .when(fixture.argoCd)
        .registerWithArgoCd(any());

    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    assertThatThrownBy(() -> workflow.run(null))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(EnvironmentFailure.ARGOCD_CONFLICT.name()));

    EnvironmentStatus status = workflow.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.reason()).contains("ARGOCD").contains("belongs to environment other");
    assertThat(status.steps())
        .filteredOn(step -> step.step() != Step.CLUSTER)
        .extracting(StepState::status)
        .containsOnly(StepStatus.COMPENSATED);
    InOrder order = inOrder(fixture.argoCd, fixture.postgres, fixture.namespaces);
    order.verify(fixture.argoCd).unregisterFromArgoCd(any());
    order.verify(fixture.postgres).dropDatabase(any());
    order.verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenRegistrationOff_whenReady_itShouldSkipTheStepWithoutCallingArgoCd() {
    fixture.configured = EnvironmentFixture.SETTINGS.withArgoCdRegistration(false);
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    assertThat(stepOf(workflow.status(), Step.ARGOCD).status()).isEqualTo(StepStatus.SKIPPED);
    workflow.destroy("done");
    EnvironmentStatus result =
        client
            .newUntypedWorkflowStub("environment/payments/review")
            .getResult(EnvironmentStatus.class);

    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(stepOf(result, Step.ARGOCD).status()).isEqualTo(StepStatus.SKIPPED);
    verifyNoInteractions(fixture.argoCd);
  }

  private static StepState stepOf(EnvironmentStatus status, Step step) {
    return status.steps().stream().filter(s -> s.step() == step).findFirst().orElseThrow();
  }
}
