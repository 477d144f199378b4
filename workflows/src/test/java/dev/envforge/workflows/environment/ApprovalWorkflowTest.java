package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.envforge.workflows.lifecycle.ApprovalDecision;
import dev.envforge.workflows.lifecycle.ApprovalOutcome;
import dev.envforge.workflows.lifecycle.ApprovalPolicy;
import dev.envforge.workflows.lifecycle.SleepPolicy;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalWorkflowTest extends LifecycleWorkflowTestCase {

  @BeforeEach
  void dedicatedClustersNeedApproval() {
    configure(
        new ApprovalPolicy(false, true, Map.of(), Map.of(), false, Duration.ofHours(4)),
        SleepPolicy.none());
  }

  @Test
  void givenADedicatedCluster_whenRequested_itShouldWaitWithWhoAskedAndMakeNothing() {
    startAs("alice", EnvironmentFixture.dedicatedWithPostgres("PT4H"));
    awaitPhase(Phase.AWAITING_APPROVAL);

    EnvironmentStatus status = workflow.status();
    assertThat(status.approval().outcome()).isEqualTo(ApprovalOutcome.PENDING);
    assertThat(status.approval().requestedBy()).isEqualTo("alice");
    assertThat(status.approval().deadline())
        .isEqualTo(status.approval().requestedAt().plus(Duration.ofHours(4)));
    assertThat(status.expiresAt()).isNull();
    verifyNoInteractions(fixture.clusters, fixture.crossplane, fixture.namespaces);
    assertThat(noticeKinds()).containsExactly(LifecycleNotifier.APPROVAL_REQUESTED);
  }

  @Test
  void givenAWaitingRequest_whenApproved_itShouldProvisionWithTheTtlFromTheApproval() {
    startAs("alice", EnvironmentFixture.dedicatedWithPostgres("PT4H"));
    awaitPhase(Phase.AWAITING_APPROVAL);
    env.sleep(Duration.ofHours(1));

    EnvironmentStatus answer = lifecycle().approve(new ApprovalDecision("bob", "budget ok"));
    assertThat(answer.phase()).isEqualTo(Phase.PROVISIONING);
    awaitPhase(Phase.READY);

    EnvironmentStatus status = workflow.status();
    assertThat(status.approval().outcome()).isEqualTo(ApprovalOutcome.APPROVED);
    assertThat(status.approval().decidedBy()).isEqualTo("bob");
    assertThat(status.approval().reason()).isEqualTo("budget ok");
    // Four hours from the approval, not from the request an hour earlier.
    assertThat(status.expiresAt())
        .isEqualTo(status.approval().decidedAt().plus(Duration.ofHours(4)));
    assertThat(status.approval().decidedAt())
        .isAfterOrEqualTo(status.createdAt().plus(Duration.ofHours(1)));
    verify(fixture.crossplane).ensureDedicatedCluster(any());
    assertThat(noticeKinds())
        .containsExactly(LifecycleNotifier.APPROVAL_REQUESTED, LifecycleNotifier.APPROVED);
  }

  @Test
  void givenTheRequester_whenApprovingTheirOwnRequest_itShouldRefuseAndKeepWaiting() {
    startAs("alice", EnvironmentFixture.dedicatedWithPostgres("PT4H"));
    awaitPhase(Phase.AWAITING_APPROVAL);

    assertThatThrownBy(() -> lifecycle().approve(new ApprovalDecision("alice", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("alice asked for this environment and may not approve it");
    assertThat(workflow.status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    verifyNoInteractions(fixture.crossplane);
  }

  @Test
  void givenAPolicyAllowingSelfApproval_whenTheRequesterApproves_itShouldProvision() {
    configure(
        new ApprovalPolicy(true, false, Map.of(), Map.of(), true, Duration.ofHours(4)),
        SleepPolicy.none());
    startAs("alice", EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.AWAITING_APPROVAL);

    lifecycle().approve(new ApprovalDecision("alice", null));

    awaitPhase(Phase.READY);
    assertThat(workflow.status().approval().decidedBy()).isEqualTo("alice");
  }

  @Test
  void givenAWaitingRequest_whenRejected_itShouldEndRejectedWithTheReasonAndNothingMade() {
    startAs("alice", EnvironmentFixture.dedicatedWithPostgres("PT4H"));
    awaitPhase(Phase.AWAITING_APPROVAL);

    assertThatThrownBy(() -> lifecycle().reject(new ApprovalDecision("bob", " ")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("a reason is required");
    assertThat(lifecycle().reject(new ApprovalDecision("bob", "use a shared cluster")).phase())
        .isEqualTo(Phase.REJECTED);

    EnvironmentStatus result = result();
    assertThat(result.phase()).isEqualTo(Phase.REJECTED);
    assertThat(result.reason()).isEqualTo("rejected by bob: use a shared cluster");
    assertThat(result.approval().outcome()).isEqualTo(ApprovalOutcome.REJECTED);
    assertThat(result.steps()).extracting(StepState::status).containsOnly(StepStatus.SKIPPED);
    verifyNoInteractions(
        fixture.clusters, fixture.crossplane, fixture.namespaces, fixture.postgres);
    assertThat(noticeKinds())
        .containsExactly(LifecycleNotifier.APPROVAL_REQUESTED, LifecycleNotifier.REJECTED);
    assertThat(notices().get(1).actor()).isEqualTo("bob");
    assertThat(notices().get(1).reason()).isEqualTo("use a shared cluster");
  }

  @Test
  void givenNobodyDecides_whenTheTimeoutPasses_itShouldEndRejectedAsTimedOut() {
    startAs("alice", EnvironmentFixture.dedicatedWithPostgres("PT4H"));
    awaitPhase(Phase.AWAITING_APPROVAL);

    env.sleep(Duration.ofHours(3).plusMinutes(50));
    assertThat(workflow.status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);

    EnvironmentStatus result = result();
    assertThat(result.phase()).isEqualTo(Phase.REJECTED);
    assertThat(result.approval().outcome()).isEqualTo(ApprovalOutcome.TIMED_OUT);
    // The timer starts when the workflow task that set it completes, a moment after it began.
    assertThat(result.approval().decidedAt())
        .isBetween(result.approval().deadline(), result.approval().deadline().plusSeconds(1));
    assertThat(result.reason()).isEqualTo("not approved within PT4H");
    verifyNoInteractions(fixture.crossplane, fixture.namespaces, fixture.postgres);
    assertThat(noticeKinds()).endsWith(LifecycleNotifier.APPROVAL_TIMED_OUT);
  }

  @Test
  void givenAWaitingRequest_whenDestroyed_itShouldEndDestroyedWithNothingToUndo() {
    startAs("alice", EnvironmentFixture.dedicatedWithPostgres("PT4H"));
    awaitPhase(Phase.AWAITING_APPROVAL);

    workflow.destroy("not needed after all");
    EnvironmentStatus result = result();

    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(result.approval().outcome()).isEqualTo(ApprovalOutcome.WITHDRAWN);
    assertThat(result.reason()).isEqualTo("destroyed: not needed after all");
    verifyNoInteractions(
        fixture.clusters, fixture.crossplane, fixture.namespaces, fixture.postgres);
    assertThatThrownBy(() -> lifecycle().approve(new ApprovalDecision("bob", null)))
        .isInstanceOf(Exception.class);
  }

  @Test
  void givenARequestThePolicyDoesNotName_whenRequested_itShouldProvisionWithoutWaiting() {
    startAs("alice", EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    EnvironmentStatus status = workflow.status();
    assertThat(status.approval()).isNull();
    assertThatThrownBy(() -> lifecycle().approve(new ApprovalDecision("bob", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("not AWAITING_APPROVAL");
    verify(fixture.lifecycleNotices, never()).sendLifecycleWebhook(any());
  }
}
