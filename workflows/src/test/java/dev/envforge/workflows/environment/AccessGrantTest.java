package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.envforge.workflows.access.AccessRequest;
import dev.envforge.workflows.access.GrantedAccess;
import dev.envforge.workflows.access.SealedTokens;
import dev.envforge.workflows.activities.ClusterEndpoint;
import dev.envforge.workflows.activities.IssuedToken;
import dev.envforge.workflows.activities.SealedToken;
import dev.envforge.workflows.activities.TokenGrantSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The grantAccess and revokeAccess updates: who may have a token, for how long, and revoking. */
class AccessGrantTest extends EnvironmentWorkflowTestCase {

  private static final String PUBLIC_KEY =
      SealedTokens.encode(SealedTokens.newKeyPair().getPublic());
  private static final ClusterEndpoint ENDPOINT =
      new ClusterEndpoint("https://127.0.0.1:16443", "Y2E=");
  private static final SealedToken SEALED = new SealedToken("a2V5", "bm9uY2U=", "c2VhbGVk");

  @Test
  void givenAReadyEnvironment_whenAccessIsGranted_itShouldMintABoundTokenAndListTheGrant() {
    AtomicReference<Instant> notAfter = new AtomicReference<>();
    when(fixture.access.issueToken(any()))
        .thenAnswer(
            call -> {
              TokenGrantSpec spec = call.getArgument(0);
              notAfter.set(spec.notAfter());
              return new IssuedToken(
                  "envforge-developer", ENDPOINT, SEALED, spec.notAfter().minusSeconds(60));
            });
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT2H"));
    awaitPhase(Phase.READY);

    GrantedAccess granted = access().grantAccess(new AccessRequest(PUBLIC_KEY, "PT1H", "alice"));

    ArgumentCaptor<TokenGrantSpec> spec = ArgumentCaptor.forClass(TokenGrantSpec.class);
    verify(fixture.access).issueToken(spec.capture());
    assertThat(spec.getValue().lifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(spec.getValue().notAfter()).isEqualTo(workflow.status().expiresAt());
    assertThat(spec.getValue().grantId()).isEqualTo(granted.grant().grantId());
    assertThat(spec.getValue().namespace().namespace()).isEqualTo("env-payments-review");
    assertThat(granted.token()).isEqualTo(SEALED);
    assertThat(granted.cluster()).isEqualTo(ENDPOINT);
    assertThat(granted.namespace()).isEqualTo("env-payments-review");
    assertThat(workflow.status().grants())
        .singleElement()
        .satisfies(
            grant -> {
              assertThat(grant.grantedTo()).isEqualTo("alice");
              assertThat(grant.expiresAt()).isEqualTo(notAfter.get().minusSeconds(60));
            });
    // Made while provisioning, and again before the grant.
    verify(fixture.access, org.mockito.Mockito.times(2)).ensureAccessAccount(any());
  }

  @Test
  void givenAGrant_whenRevoked_itShouldDeleteItsBoundObjectAndLeaveTheStatus() {
    when(fixture.access.issueToken(any()))
        .thenReturn(new IssuedToken("envforge-developer", ENDPOINT, SEALED, Instant.now()));
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT2H"));
    awaitPhase(Phase.READY);
    String grantId =
        access().grantAccess(new AccessRequest(PUBLIC_KEY, null, "alice")).grant().grantId();

    EnvironmentStatus status = access().revokeAccess(grantId);

    verify(fixture.access).revokeGrant(any(), eq(grantId));
    assertThat(status.grants()).isEmpty();
    assertThatThrownBy(() -> access().revokeAccess(grantId))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(refusal(e).getOriginalMessage()).contains("no grant"));
  }

  @Test
  void givenATtlUnderTenMinutes_whenAccessIsAsked_itShouldBeRefusedWithoutMintingAToken() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT2H"));
    awaitPhase(Phase.READY);

    assertThatThrownBy(() -> access().grantAccess(new AccessRequest(PUBLIC_KEY, "PT5M", "alice")))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(
            e -> {
              assertThat(refusal(e).getType()).isEqualTo(IllegalArgumentException.class.getName());
              assertThat(refusal(e).getOriginalMessage()).contains("shorter than the minimum");
            });
    verify(fixture.access, never()).issueToken(any());
  }

  @Test
  void givenNoReadablePublicKey_whenAccessIsAsked_itShouldBeRefused() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT2H"));
    awaitPhase(Phase.READY);

    assertThatThrownBy(() -> access().grantAccess(new AccessRequest("bm90IGEga2V5", null, "eve")))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(refusal(e).getOriginalMessage()).contains("public key"));
    assertThat(workflow.status().grants()).isEmpty();
  }

  @Test
  void givenAnEnvironmentThatIsNotReady_whenAccessIsAsked_itShouldBeRefusedAsWrongState() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT2H"));
    awaitPhase(Phase.READY);
    workflow.destroy("done");

    assertThatThrownBy(() -> access().grantAccess(new AccessRequest(PUBLIC_KEY, null, "alice")))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(
            e -> assertThat(refusal(e).getType()).isEqualTo(IllegalStateException.class.getName()));
    verify(fixture.access, never()).issueToken(any());
  }

  @Test
  void givenAnEnvironmentAboutToExpire_whenAccessIsAsked_itShouldBeRefusedAsWrongState() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT15M"));
    awaitPhase(Phase.READY);
    env.sleep(Duration.ofMinutes(6));

    assertThatThrownBy(() -> access().grantAccess(new AccessRequest(PUBLIC_KEY, null, "alice")))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(
            e -> {
              assertThat(refusal(e).getType()).isEqualTo(IllegalStateException.class.getName());
              assertThat(refusal(e).getOriginalMessage()).contains("extend it first");
            });
  }

  @Test
  void givenAFailingTokenRequest_whenAccessIsAsked_itShouldFailTheUpdateNotTheEnvironment() {
    when(fixture.access.issueToken(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("refused", "FORBIDDEN"));
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT2H"));
    awaitPhase(Phase.READY);

    assertThatThrownBy(() -> access().grantAccess(new AccessRequest(PUBLIC_KEY, null, "alice")))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(
            e -> assertThat(refusal(e).getType()).isEqualTo(AccessGrants.ACCESS_UNAVAILABLE));
    assertThat(workflow.status().phase()).isEqualTo(Phase.READY);
    assertThat(workflow.status().grants()).isEmpty();
  }

  private EnvironmentAccessWorkflow access() {
    return client.newWorkflowStub(EnvironmentAccessWorkflow.class, "environment/payments/review");
  }

  private static ApplicationFailure refusal(Throwable e) {
    return (ApplicationFailure) e.getCause();
  }
}
