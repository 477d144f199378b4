package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.activities.LifecycleChange;
import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.activities.LifecycleEventActivities;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.TtlPolicy;
import dev.envforge.workflows.request.TtlRule;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The TTL policy and the expiry warning in workflow time (time skipping): when the warning fires,
 * that an extend re-arms it, that a broken channel never stops the expiry, and keep.
 */
class ExpiryWarningWorkflowTest extends EnvironmentWorkflowTestCase {

  private static final Duration WARN_BEFORE = EnvironmentFixture.SETTINGS.expiryWarning();

  private ExpiryWarningActivities warnings;
  private LifecycleEventActivities events;

  @BeforeEach
  void setUp() {
    warnings = fixture.warnings;
    events = fixture.events;
  }

  /** The expiry warning as it reaches the sinks: a lifecycle event of change EXPIRING. */
  private static LifecycleEvent expiring() {
    return argThat(event -> event.change() == LifecycleChange.EXPIRING);
  }

  @Test
  void givenAReadyEnvironment_whenTheWarningPeriodBegins_itShouldWarnOnceAtExpiryMinusWarnBefore() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);
    Instant expiresAt = workflow.status().expiresAt();

    env.sleep(Duration.ofHours(2).plusMinutes(50));
    verify(warnings, never()).recordExpiryEvent(any());
    verify(events, never()).publish(expiring());
    assertThat(workflow.status().warning()).isNull();

    env.sleep(Duration.ofMinutes(20));
    ExpiryWarningNotice notice = onlyNotice();
    assertThat(notice.expiresAt()).isEqualTo(expiresAt);
    assertOnTime(notice.warnedAt(), expiresAt.minus(WARN_BEFORE));
    assertThat(notice.namespace()).isEqualTo("env-payments-review");
    assertThat(notice.cluster()).isEqualTo(EnvironmentFixture.SHARED);
    assertThat(notice.workflowId()).isEqualTo("environment/payments/review");
    assertThat(notice.id()).startsWith("environment/payments/review/").endsWith("/" + expiresAt);
    verify(events, timeout(5_000)).publish(LifecycleEvent.of(notice));
    verify(warnings, never()).sendExpiryWebhook(any());

    ExpiryWarning warning = awaitWarning(w -> w.webhook() != NotificationState.PENDING);
    assertThat(warning.number()).isEqualTo(1);
    assertThat(warning.id()).isEqualTo(notice.id());
    assertThat(warning.warnedAt()).isEqualTo(notice.warnedAt());
    assertThat(awaitWarning(w -> w.event() != NotificationState.PENDING).event())
        .isEqualTo(NotificationState.SENT);
    assertThat(warning.webhook()).isEqualTo(NotificationState.SENT);
    assertThat(workflow.status().expiring()).isTrue();

    EnvironmentStatus result = result();
    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(result.reason()).isEqualTo("expired at " + expiresAt);
    verify(warnings, times(1)).recordExpiryEvent(any());
    verify(events, times(1)).publish(expiring());
  }

  @Test
  void givenAWarnedEnvironment_whenExtended_itShouldWarnAgainBeforeTheNewExpiry() {
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);
    env.sleep(Duration.ofHours(3).plusMinutes(10));
    ExpiryWarningNotice first = onlyNotice();

    EnvironmentStatus extended = workflow.extend(ExtendRequest.by("PT2H"));
    Instant newExpiry = first.expiresAt().plus(Duration.ofHours(2));
    assertThat(extended.expiresAt()).isEqualTo(newExpiry);
    assertThat(extended.expiring()).isFalse();

    env.sleep(Duration.ofHours(1));
    verify(warnings, times(1)).recordExpiryEvent(any());

    env.sleep(Duration.ofHours(1));
    ArgumentCaptor<ExpiryWarningNotice> notices =
        ArgumentCaptor.forClass(ExpiryWarningNotice.class);
    verify(warnings, timeout(5_000).times(2)).recordExpiryEvent(notices.capture());
    ExpiryWarningNotice second = notices.getAllValues().get(1);
    assertThat(second.expiresAt()).isEqualTo(newExpiry);
    assertOnTime(second.warnedAt(), newExpiry.minus(WARN_BEFORE));
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(awaitWarning(w -> w.number() == 2).expiresAt()).isEqualTo(newExpiry);

    EnvironmentStatus result = result();
    assertThat(result.reason()).isEqualTo("expired at " + newExpiry);
    verify(warnings, times(2)).recordExpiryEvent(any());
    verify(events, times(2)).publish(expiring());
  }

  @Test
  void givenAWebhookThatKeepsFailing_whenWarning_itShouldRecordTheFailureAndStillExpireOnTime() {
    when(events.publish(any())).thenThrow(new IllegalStateException("webhook answered HTTP 503"));
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);
    Instant expiresAt = workflow.status().expiresAt();

    env.sleep(Duration.ofHours(3).plusMinutes(30));

    ExpiryWarning warning = awaitWarning(w -> w.webhook() != NotificationState.PENDING);
    assertThat(warning.webhook()).isEqualTo(NotificationState.FAILED);
    assertThat(warning.webhookDetail()).contains("HTTP 503");
    assertThat(awaitWarning(w -> w.event() != NotificationState.PENDING).event())
        .isEqualTo(NotificationState.SENT);
    // Bounded: the activity's retry policy gives up after five attempts.
    verify(events, times(5)).publish(expiring());
    assertThat(workflow.status().phase()).isEqualTo(Phase.READY);

    EnvironmentStatus result = result();
    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(result.reason()).isEqualTo("expired at " + expiresAt);
    verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenAnEventThatIsRefused_whenWarning_itShouldRecordItWithoutRetryingAndExpireOnTime() {
    when(warnings.recordExpiryEvent(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("events is forbidden", "FORBIDDEN"));
    WorkflowClient.start(workflow::run, EnvironmentFixture.sharedWithPostgres("PT4H"));
    awaitPhase(Phase.READY);

    env.sleep(Duration.ofHours(3).plusMinutes(30));

    ExpiryWarning warning = awaitWarning(w -> w.event() != NotificationState.PENDING);
    assertThat(warning.event()).isEqualTo(NotificationState.FAILED);
    assertThat(warning.eventDetail()).contains("events is forbidden");
    verify(warnings, times(1)).recordExpiryEvent(any());
    assertThat(result().phase()).isEqualTo(Phase.DESTROYED);
  }

  @Test
  void givenAKeptEnvironment_whenTimePassesFarBeyondAnyTtl_itShouldStayUntilDestroyed() {
    fixture.configured = settingsWith(Map.of(), Map.of("payments", new TtlRule(null, null, true)));
    WorkflowClient.start(workflow::run, kept(Profile.SMALL));
    awaitPhase(Phase.READY);

    EnvironmentStatus ready = workflow.status();
    assertThat(ready.expiresAt()).isNull();
    assertThat(ready.request().keep()).isTrue();
    ArgumentCaptor<NamespaceSpec> namespace = ArgumentCaptor.forClass(NamespaceSpec.class);
    verify(fixture.namespaces).ensureNamespace(namespace.capture());
    assertThat(namespace.getValue().labels().keep()).isTrue();
    assertThat(namespace.getValue().labels().expiresAt()).isNull();

    env.sleep(Duration.ofDays(30));
    assertThat(workflow.status().phase()).isEqualTo(Phase.READY);
    verify(fixture.namespaces, never()).deleteNamespace(any());
    verify(warnings, never()).recordExpiryEvent(any());
    assertThatThrownBy(() -> workflow.extend(ExtendRequest.by("PT1H")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("kept");

    workflow.destroy("no longer needed");
    EnvironmentStatus result = result();
    assertThat(result.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(result.reason()).isEqualTo("destroyed: no longer needed");
    verify(fixture.postgres).dropDatabase(any());
    verify(fixture.namespaces).deleteNamespace(any());
  }

  @Test
  void givenAPolicyThatDoesNotAllowKeep_whenKeepIsRequested_itShouldFailNamingKeep() {
    fixture.configured =
        settingsWith(
            Map.of("small", new TtlRule(null, null, true)),
            Map.of("payments", new TtlRule(null, null, false)));
    WorkflowClient.start(workflow::run, kept(Profile.SMALL));

    assertThatThrownBy(() -> workflow.run(null))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("keep: is not allowed for team 'payments'")
        .hasMessageContaining("by team 'payments'");
    verify(fixture.namespaces, never()).ensureNamespace(any());
  }

  @Test
  void givenAProfileMaximum_whenRequestedAndExtendedBeyondIt_itShouldRefuseNamingTheProfile() {
    fixture.configured =
        settingsWith(Map.of("medium", new TtlRule(null, Duration.ofDays(1), null)), Map.of());
    WorkflowClient.start(workflow::run, request(Profile.MEDIUM, "PT20H"));
    awaitPhase(Phase.READY);
    Instant before = workflow.status().expiresAt();

    assertThatThrownBy(() -> workflow.extend(ExtendRequest.by("PT5H")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("beyond the maximum TTL of PT24H for profile 'medium'");
    assertThat(workflow.status().expiresAt()).isEqualTo(before);
    assertThat(workflow.extend(ExtendRequest.by("PT3H")).expiresAt())
        .isEqualTo(before.plus(Duration.ofHours(3)));
  }

  @Test
  void givenAProfileDefault_whenNoTtlIsRequested_itShouldExpireAfterThatDefault() {
    fixture.configured =
        settingsWith(Map.of("medium", new TtlRule(Duration.ofHours(2), null, null)), Map.of());
    WorkflowClient.start(workflow::run, request(Profile.MEDIUM, null));
    awaitPhase(Phase.READY);

    EnvironmentStatus status = workflow.status();
    assertThat(status.expiresAt()).isEqualTo(status.createdAt().plus(Duration.ofHours(2)));
  }

  private static EnvironmentSettings settingsWith(
      Map<String, TtlRule> profiles, Map<String, TtlRule> teams) {
    return EnvironmentSettings.of(
        "env-",
        new TtlPolicy(Duration.ofHours(8), Duration.ofDays(7), false, profiles, teams),
        WARN_BEFORE);
  }

  private static EnvironmentRequest kept(Profile profile) {
    return new EnvironmentRequest(
        "payments",
        "review",
        ClusterChoice.shared("local"),
        profile,
        DatabaseChoice.postgres(DatabaseDriver.DIRECT),
        null,
        true);
  }

  private static EnvironmentRequest request(Profile profile, String ttl) {
    return new EnvironmentRequest(
        "payments", "review", ClusterChoice.shared("local"), profile, DatabaseChoice.none(), ttl);
  }

  /**
   * The timer fires at the due time; the workflow's clock when it runs may be a few milliseconds
   * later (the test server's clock moves on in real time too), never earlier.
   */
  private static void assertOnTime(Instant warnedAt, Instant due) {
    assertThat(warnedAt).isBetween(due, due.plusSeconds(5));
  }

  private ExpiryWarningNotice onlyNotice() {
    ArgumentCaptor<ExpiryWarningNotice> notice = ArgumentCaptor.forClass(ExpiryWarningNotice.class);
    verify(warnings, timeout(5_000).times(1)).recordExpiryEvent(notice.capture());
    List<ExpiryWarningNotice> all = notice.getAllValues();
    return all.get(all.size() - 1);
  }

  private EnvironmentStatus result() {
    return client
        .newUntypedWorkflowStub("environment/payments/review")
        .getResult(EnvironmentStatus.class);
  }

  private ExpiryWarning awaitWarning(Predicate<ExpiryWarning> settled) {
    return EnvironmentFixture.awaitInWorkflowTime(
        env,
        "the warning settled",
        () -> workflow.status().warning(),
        warning -> warning != null && settled.test(warning));
  }
}
