package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.envforge.workflows.activities.ComponentsSpec;
import dev.envforge.workflows.activities.DaprComponent;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.request.Capability;
import dev.envforge.workflows.request.CapabilityDefaults;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.TtlPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The CAPABILITIES step: Dapr components made after the database and undone before it. */
class CapabilitiesWorkflowTest extends EnvironmentWorkflowTestCase {

  private static final List<DaprComponent> COMPONENTS = EnvironmentFixture.COMPONENTS;

  @Test
  void givenCapabilitiesWithADatabase_whenProvisioned_itShouldListTheComponentsAndUndoThemFirst() {
    when(fixture.capabilities.applyDaprComponents(any())).thenReturn(COMPONENTS);
    WorkflowClient.start(
        workflow::run,
        request(
            DatabaseChoice.postgres(DatabaseDriver.DIRECT),
            List.of(Capability.SECRETSTORE, Capability.STATESTORE)));
    awaitPhase(Phase.READY);

    EnvironmentStatus status = workflow.status();
    assertThat(status.outputs().components()).isEqualTo(COMPONENTS);
    assertThat(stepStatus(status, Step.CAPABILITIES)).isEqualTo(StepStatus.DONE);
    ArgumentCaptor<ComponentsSpec> applied = ArgumentCaptor.forClass(ComponentsSpec.class);
    verify(fixture.capabilities).applyDaprComponents(applied.capture());
    ComponentsSpec spec = applied.getValue();
    assertThat(spec.namespace()).isEqualTo("env-payments-review");
    assertThat(spec.secretName()).isEqualTo(EnvironmentFixture.DATABASE.secretName());
    // In the enum's order, whatever the request's: the same request makes the same spec.
    assertThat(spec.capabilities()).containsExactly(Capability.STATESTORE, Capability.SECRETSTORE);
    assertThat(spec.labels())
        .isEqualTo(
            new EnvironmentLabels(
                "payments-review", "payments", "environment/payments/review", status.expiresAt()));

    workflow.destroy("done");
    EnvironmentStatus result =
        client
            .newUntypedWorkflowStub("environment/payments/review")
            .getResult(EnvironmentStatus.class);
    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(stepStatus(result, Step.CAPABILITIES)).isEqualTo(StepStatus.COMPENSATED);
    InOrder order = inOrder(fixture.capabilities, fixture.postgres, fixture.namespaces);
    order.verify(fixture.capabilities).deleteDaprComponents(spec);
    order.verify(fixture.postgres).dropDatabase(any());
    order.verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenAClusterWithoutDapr_whenProvisioning_itShouldFailAndUndoEveryStepInReverse() {
    when(fixture.capabilities.applyDaprComponents(any()))
        .thenThrow(
            EnvironmentFailure.CAPABILITY_UNAVAILABLE.failure("the cluster does not serve Dapr"));
    WorkflowClient.start(
        workflow::run,
        request(DatabaseChoice.postgres(DatabaseDriver.DIRECT), List.of(Capability.STATESTORE)));

    assertThatThrownBy(() -> workflow.run(null))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo("CAPABILITY_UNAVAILABLE"));
    EnvironmentStatus status = workflow.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.reason()).contains("CAPABILITIES").contains("does not serve Dapr");
    assertThat(stepStatus(status, Step.CAPABILITIES)).isEqualTo(StepStatus.COMPENSATED);
    assertThat(status.outputs().components()).isEmpty();
    InOrder order = inOrder(fixture.capabilities, fixture.postgres, fixture.namespaces);
    order.verify(fixture.capabilities).deleteDaprComponents(any());
    order.verify(fixture.postgres).dropDatabase(any());
    order.verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenNoCapabilities_whenProvisioned_itShouldSkipTheStepAndCallNoDapr() {
    WorkflowClient.start(
        workflow::run, request(DatabaseChoice.postgres(DatabaseDriver.DIRECT), List.of()));
    awaitPhase(Phase.READY);

    assertThat(stepStatus(workflow.status(), Step.CAPABILITIES)).isEqualTo(StepStatus.SKIPPED);
    verify(fixture.capabilities, never()).applyDaprComponents(any());
  }

  @Test
  void givenProfileDefaultsAndNoDatabase_whenTheRequestNamesNone_itShouldGetTheDefaultsItCanHave() {
    fixture.configured =
        EnvironmentSettings.of(
            "env-",
            TtlPolicy.global(Duration.ofHours(8), Duration.ofDays(7)),
            Duration.ofHours(1),
            new CapabilityDefaults(
                Map.of(Profile.SMALL, List.of(Capability.STATESTORE, Capability.SECRETSTORE))));
    when(fixture.capabilities.applyDaprComponents(any())).thenReturn(COMPONENTS.subList(1, 2));
    WorkflowClient.start(workflow::run, request(DatabaseChoice.none(), null));
    awaitPhase(Phase.READY);

    ArgumentCaptor<ComponentsSpec> applied = ArgumentCaptor.forClass(ComponentsSpec.class);
    verify(fixture.capabilities).applyDaprComponents(applied.capture());
    assertThat(applied.getValue().capabilities()).containsExactly(Capability.SECRETSTORE);
    assertThat(applied.getValue().secretName()).isNull();
  }

  private static EnvironmentRequest request(
      DatabaseChoice database, List<Capability> capabilities) {
    return new EnvironmentRequest(
        "payments",
        "review",
        ClusterChoice.shared("local"),
        Profile.SMALL,
        database,
        "PT4H",
        false,
        capabilities);
  }

  private static StepStatus stepStatus(EnvironmentStatus status, Step step) {
    return status.steps().stream().filter(s -> s.step() == step).findFirst().orElseThrow().status();
  }
}
