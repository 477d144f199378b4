package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.InOrder;

class EnvironmentWorkflowTest extends EnvironmentWorkflowTestCase {

  @Test
  void givenAValidRequest_whenProvisioned_itShouldBeReadyWithOutputsAndNoSecrets() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    EnvironmentStatus status = workflow.status();
    assertThat(status.environmentId()).isEqualTo("payments-review");
    assertThat(status.steps()).extracting(StepState::status).containsOnly(StepStatus.DONE);
    assertThat(status.steps()).allSatisfy(s -> assertThat(s.attempts()).isEqualTo(1));
    assertThat(status.outputs().cluster()).isEqualTo("local");
    assertThat(status.outputs().namespace()).isEqualTo("env-payments-review");
    assertThat(status.outputs().secretName()).isEqualTo("envforge-database");
    assertThat(status.outputs().databaseName()).isEqualTo("env_payments_review");
    assertThat(status.expiresAt()).isEqualTo(status.createdAt().plus(Duration.ofHours(4)));

    verify(fixture.namespaces)
        .ensureNamespace(
            new NamespaceSpec(
                EnvironmentFixture.SHARED,
                "env-payments-review",
                Profile.SMALL,
                new dev.envforge.workflows.activities.EnvironmentLabels(
                    "payments-review",
                    "payments",
                    "environment/payments/review",
                    status.expiresAt())));
    verify(fixture.postgres, never()).dropDatabase(any());
  }

  @Test
  void givenAReadyEnvironment_whenItsTtlRunsOut_itShouldTearDownInReverseAndEndDestroyed() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    env.sleep(Duration.ofHours(3).plusMinutes(30));
    assertThat(workflow.status().phase()).isEqualTo(Phase.READY);
    assertThat(workflow.status().expiring()).isTrue();
    verify(fixture.namespaces, never()).deleteNamespace(any());

    EnvironmentStatus result =
        client
            .newUntypedWorkflowStub("environment/payments/review")
            .getResult(EnvironmentStatus.class);

    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(result.reason()).startsWith("expired at");
    assertThat(result.steps()).extracting(StepState::status).containsOnly(StepStatus.COMPENSATED);
    InOrder order = inOrder(fixture.postgres, fixture.namespaces);
    order.verify(fixture.postgres).dropDatabase(any());
    order.verify(fixture.namespaces).deleteNamespace(any());
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void givenAPermanentFailureAtAStep_whenProvisioning_itShouldUndoExactlyTheBegunStepsInReverse(
      Step failing) {
    ApplicationFailure boom = EnvironmentFailure.FORBIDDEN.failure("refused by the platform");
    switch (failing) {
      case CLUSTER -> when(fixture.crossplane.ensureDedicatedCluster(any())).thenThrow(boom);
      case NAMESPACE -> doThrow(boom).when(fixture.namespaces).ensureNamespace(any());
      case GUARDRAILS -> doThrow(boom).when(fixture.namespaces).applyGuardrails(any());
      case DATABASE -> when(fixture.postgres.ensureDatabase(any())).thenThrow(boom);
      case CAPABILITIES -> when(fixture.capabilities.applyDaprComponents(any())).thenThrow(boom);
      case ARGOCD -> doThrow(boom).when(fixture.argoCd).registerWithArgoCd(any());
    }

    WorkflowClient.start(workflow::run, EnvironmentFixture.dedicatedWithPostgres("PT4H"));
    assertThatThrownBy(() -> workflow.run(null))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(EnvironmentFailure.FORBIDDEN.name()));

    EnvironmentStatus status = workflow.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.reason()).contains(failing.name()).contains("refused by the platform");
    Map<Step, StepStatus> states =
        status.steps().stream().collect(Collectors.toMap(StepState::step, StepState::status));
    assertThat(states.get(failing)).isIn(StepStatus.COMPENSATED);

    InOrder order =
        inOrder(
            fixture.argoCd,
            fixture.capabilities,
            fixture.postgres,
            fixture.namespaces,
            fixture.crossplane);
    int argoCdUndos = failing == Step.ARGOCD ? 1 : 0;
    if (argoCdUndos == 1) {
      order.verify(fixture.argoCd).unregisterFromArgoCd(any());
    }
    int capabilityUndos = failing.ordinal() >= Step.CAPABILITIES.ordinal() ? 1 : 0;
    if (capabilityUndos == 1) {
      order.verify(fixture.capabilities).deleteDaprComponents(any());
    }
    int dbUndos = failing.ordinal() >= Step.GUARDRAILS.ordinal() ? 1 : 0;
    int namespaceUndos = failing.ordinal() >= Step.NAMESPACE.ordinal() ? 1 : 0;
    if (dbUndos == 1) {
      order.verify(fixture.postgres).dropDatabase(any());
    }
    if (namespaceUndos == 1) {
      order.verify(fixture.namespaces).deleteNamespace(any());
    }
    order.verify(fixture.crossplane).deleteDedicatedCluster(any());
    verify(fixture.argoCd, times(argoCdUndos)).unregisterFromArgoCd(any());
    verify(fixture.postgres, times(dbUndos)).dropDatabase(any());
    verify(fixture.namespaces, times(namespaceUndos)).deleteNamespace(any());
    verify(fixture.capabilities, times(capabilityUndos)).deleteDaprComponents(any());
    for (Step later : Step.values()) {
      if (later.ordinal() > failing.ordinal() && later != Step.DATABASE) {
        assertThat(states.get(later)).isEqualTo(StepStatus.PENDING);
      }
    }
  }

  @Test
  void givenATransientFailure_whenProvisioning_itShouldRetryWithBackoffAndRecordTheAttempts() {
    doThrow(new IllegalStateException("apiserver unavailable"))
        .doThrow(new IllegalStateException("apiserver unavailable"))
        .doNothing()
        .when(fixture.namespaces)
        .ensureNamespace(any());

    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    StepState namespace = stepOf(workflow.status(), Step.NAMESPACE);
    assertThat(namespace.status()).isEqualTo(StepStatus.DONE);
    assertThat(namespace.attempts()).isEqualTo(3);
    assertThat(namespace.lastError()).contains("apiserver unavailable");
    verify(fixture.namespaces, times(3)).ensureNamespace(any());
    verify(fixture.namespaces, never()).deleteNamespace(any());
  }

  @Test
  void givenAStepThatNeverRecovers_whenItsDeadlinePasses_itShouldFailAndCompensate() {
    doThrow(new IllegalStateException("connection refused"))
        .when(fixture.namespaces)
        .applyGuardrails(any());

    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));

    assertThatThrownBy(() -> workflow.run(null))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getType())
                    .isEqualTo(EnvironmentFailure.STEP_DEADLINE_EXCEEDED.name()));
    StepState guardrails = stepOf(workflow.status(), Step.GUARDRAILS);
    assertThat(guardrails.attempts()).isGreaterThan(5);
    verify(fixture.postgres).dropDatabase(any());
    verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenAReadyEnvironment_whenExtended_itShouldMoveTheExpiryAndRearmTheTimer() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);
    Instant before = workflow.status().expiresAt();

    EnvironmentStatus extended = workflow.extend(ExtendRequest.by("PT6H"));

    assertThat(extended.expiresAt()).isEqualTo(before.plus(Duration.ofHours(6)));
    env.sleep(Duration.ofHours(5));
    assertThat(workflow.status().phase()).isEqualTo(Phase.READY);
    verify(fixture.namespaces, times(1)).annotateExpiry(any());
    env.sleep(Duration.ofHours(6));
    assertThat(workflow.status().phase()).isEqualTo(Phase.DESTROYED);
  }

  @Test
  void givenAReadyEnvironment_whenExtendedBeyondTheMaximum_itShouldRefuseAndKeepTheExpiry() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);
    Instant before = workflow.status().expiresAt();

    assertThatThrownBy(() -> workflow.extend(ExtendRequest.by("P8D")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("beyond the maximum TTL");
    assertThatThrownBy(() -> workflow.extend(new ExtendRequest("PT1H", Instant.now())))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("exactly one");

    assertThat(workflow.status().expiresAt()).isEqualTo(before);
    verify(fixture.namespaces, never()).annotateExpiry(any());
  }

  @Test
  void givenAReadyEnvironment_whenDestroyed_itShouldTearDownEarlyWithTheReason() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("P2D"));
    awaitPhase(Phase.READY);

    assertThat(workflow.destroy("review merged").phase()).isEqualTo(Phase.DESTROYING);
    EnvironmentStatus result =
        client
            .newUntypedWorkflowStub("environment/payments/review")
            .getResult(EnvironmentStatus.class);

    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(result.reason()).isEqualTo("destroyed: review merged");
    // Torn down in workflow time well before its two-day TTL.
    assertThat(result.steps())
        .allSatisfy(
            s -> assertThat(s.endedAt()).isBefore(result.createdAt().plus(Duration.ofHours(1))));
    verify(fixture.postgres).dropDatabase(any());
    verify(fixture.namespaces).deleteNamespace(any());
  }

  /**
   * The database is made through Crossplane, a step that waits: the short steps before it run as
   * local activities inside one workflow task, which queries and updates wait for.
   */
  @Test
  void givenAnEnvironmentStillProvisioning_whenQueriedAndDestroyed_itShouldReportAndCompensate()
      throws InterruptedException {
    CountDownLatch databaseStarted = new CountDownLatch(1);
    CountDownLatch releaseDatabase = new CountDownLatch(1);
    when(fixture.crossplane.ensureCompositeDatabase(any()))
        .thenAnswer(
            call -> {
              databaseStarted.countDown();
              releaseDatabase.await(30, TimeUnit.SECONDS);
              return EnvironmentFixture.DATABASE;
            });

    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithCrossplaneDatabase("PT4H"));
    assertThat(databaseStarted.await(30, TimeUnit.SECONDS)).isTrue();

    EnvironmentStatus provisioning = workflow.status();
    assertThat(provisioning.phase()).isEqualTo(Phase.PROVISIONING);
    assertThat(stepOf(provisioning, Step.CLUSTER).status()).isEqualTo(StepStatus.DONE);
    assertThat(stepOf(provisioning, Step.DATABASE).status()).isEqualTo(StepStatus.RUNNING);

    workflow.destroy("abandoned");
    releaseDatabase.countDown();
    EnvironmentStatus result =
        client
            .newUntypedWorkflowStub("environment/payments/review")
            .getResult(EnvironmentStatus.class);

    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(result.readyAt()).isNull();
    InOrder order = inOrder(fixture.crossplane, fixture.namespaces);
    order.verify(fixture.crossplane).ensureCompositeDatabase(any());
    order.verify(fixture.crossplane).deleteCompositeDatabase(any());
    order.verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenAnInvalidRequest_whenStarted_itShouldFailNamingTheFieldAndTouchNothing() {
    EnvironmentRequest invalid =
        new EnvironmentRequest(
            "Payments",
            "review",
            ClusterChoice.sharedDefault(),
            null,
            DatabaseChoice.none(),
            "P30D");

    WorkflowClient.start(workflow::run, invalid);

    assertThatThrownBy(() -> workflow.run(null))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("team:")
        .hasMessageContaining("ttl:");
    assertThat(workflow.status().phase()).isEqualTo(Phase.FAILED);
    verify(fixture.clusters, never()).placeShared(any());
    verify(fixture.namespaces, never()).ensureNamespace(any());
  }

  @Test
  void givenNoDatabase_whenProvisioned_itShouldSkipTheDatabaseStepAndItsUndo() {
    EnvironmentRequest request =
        new EnvironmentRequest(
            "payments", "review", ClusterChoice.sharedDefault(), null, DatabaseChoice.none(), null);

    WorkflowClient.start(workflow::run, request);
    awaitPhase(Phase.READY);
    EnvironmentStatus status = workflow.status();
    assertThat(stepOf(status, Step.DATABASE).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(status.expiresAt())
        .isEqualTo(status.createdAt().plus(EnvironmentFixture.SETTINGS.defaultTtl()));

    workflow.destroy(null);
    EnvironmentStatus result =
        client
            .newUntypedWorkflowStub("environment/payments/review")
            .getResult(EnvironmentStatus.class);
    assertThat(stepOf(result, Step.DATABASE).status()).isEqualTo(StepStatus.SKIPPED);
    verify(fixture.postgres, never()).ensureDatabase(any());
    verify(fixture.postgres, never()).dropDatabase(any());
  }

  @Test
  void givenANamespaceThatWillNotGo_whenTornDown_itShouldEndFailedSayingWhatIsLeft() {
    doThrow(EnvironmentFailure.NAMESPACE_STUCK.failure("namespace env-payments-review is stuck"))
        .when(fixture.namespaces)
        .deleteNamespace(any());
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    workflow.destroy("done");

    assertThatThrownBy(() -> workflow.run(null))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("teardown incomplete")
        .hasMessageContaining("stuck");
    assertThat(workflow.status().phase()).isEqualTo(Phase.FAILED);
    assertThat(stepOf(workflow.status(), Step.DATABASE).status()).isEqualTo(StepStatus.COMPENSATED);
    assertThat(stepOf(workflow.status(), Step.NAMESPACE).status()).isEqualTo(StepStatus.FAILED);
  }

  private static StepState stepOf(EnvironmentStatus status, Step step) {
    return status.steps().stream()
        .collect(Collectors.toMap(StepState::step, Function.identity()))
        .get(step);
  }
}
