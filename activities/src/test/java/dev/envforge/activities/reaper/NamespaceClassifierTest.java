package dev.envforge.activities.reaper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.reaper.EnvironmentClass;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceClassifierTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Duration GRACE = Duration.ofHours(1);
  private static final Instant OLD = NOW.minus(Duration.ofHours(2));
  private static final Instant PAST = NOW.minus(Duration.ofMinutes(1));
  private static final Instant FUTURE = NOW.plus(Duration.ofDays(1));

  @Test
  void givenARunningWorkflow_whenClassified_itShouldBeLiveEvenPastItsExpiry() {
    assertThat(classify(facts(OLD, PAST, false, false), WorkflowState.RUNNING))
        .isEqualTo(EnvironmentClass.LIVE);
  }

  @Test
  void givenAPastExpiryAndNoRunningWorkflow_whenClassified_itShouldBeExpired() {
    assertThat(classify(facts(OLD, PAST, false, false), WorkflowState.CLOSED))
        .isEqualTo(EnvironmentClass.EXPIRED);
    // Expiry does not wait for the grace period: the date says the environment is over.
    assertThat(classify(facts(NOW, PAST, false, false), WorkflowState.UNKNOWN))
        .isEqualTo(EnvironmentClass.EXPIRED);
  }

  @Test
  void givenTheKeepLabel_whenClassified_itShouldBeKeptWhateverTheExpiry() {
    assertThat(classify(facts(OLD, PAST, true, false), WorkflowState.UNKNOWN))
        .isEqualTo(EnvironmentClass.KEPT);
  }

  @Test
  void givenNoWorkflowAndAFutureExpiry_whenOlderThanTheGrace_itShouldBeAnOrphan() {
    assertThat(classify(facts(OLD, FUTURE, false, false), WorkflowState.UNKNOWN))
        .isEqualTo(EnvironmentClass.ORPHAN);
    assertThat(classify(facts(OLD, null, false, false), WorkflowState.CLOSED))
        .isEqualTo(EnvironmentClass.ORPHAN);
  }

  @Test
  void givenNoWorkflowAndAFutureExpiry_whenYoungerThanTheGrace_itShouldBeRecent() {
    Instant justNow = NOW.minus(GRACE).plusSeconds(1);
    assertThat(classify(facts(justNow, FUTURE, false, false), WorkflowState.UNKNOWN))
        .isEqualTo(EnvironmentClass.RECENT);
  }

  @Test
  void givenADeletionUnderWay_whenClassified_itShouldBeTerminating() {
    assertThat(classify(facts(OLD, PAST, false, true), WorkflowState.UNKNOWN))
        .isEqualTo(EnvironmentClass.TERMINATING);
  }

  @Test
  void givenANamespace_whenRead_itShouldTakeItsFactsFromLabelsAndAnnotations() {
    Namespace namespace =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName("env-payments-review")
            .withUid("u-1")
            .withCreationTimestamp("2026-06-01T10:00:00Z")
            .withLabels(
                Map.of(
                    "app.kubernetes.io/managed-by", "envforge",
                    "envforge.dev/environment", "payments-review",
                    "envforge.dev/team", "payments",
                    "envforge.dev/keep", "true"))
            .withAnnotations(
                Map.of(
                    "envforge.dev/expires-at", "2026-06-01T11:00:00Z",
                    "envforge.dev/workflow-id", "environment/payments/review"))
            .endMetadata()
            .build();

    NamespaceFacts facts = NamespaceFacts.of(namespace);

    assertThat(facts)
        .isEqualTo(
            new NamespaceFacts(
                "env-payments-review",
                "u-1",
                Instant.parse("2026-06-01T10:00:00Z"),
                false,
                true,
                "payments-review",
                "payments",
                "environment/payments/review",
                Instant.parse("2026-06-01T11:00:00Z")));
  }

  @Test
  void givenAnUnreadableExpiry_whenRead_itShouldNeverCountAsExpired() {
    Namespace namespace =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName("env-a-b")
            .withCreationTimestamp("2026-06-01T10:00:00Z")
            .withAnnotations(Map.of("envforge.dev/expires-at", "tomorrow"))
            .endMetadata()
            .build();

    NamespaceFacts facts = NamespaceFacts.of(namespace);

    assertThat(facts.expiresAt()).isNull();
    assertThat(classify(facts, WorkflowState.UNKNOWN)).isEqualTo(EnvironmentClass.ORPHAN);
  }

  private static EnvironmentClass classify(NamespaceFacts facts, WorkflowState state) {
    return NamespaceClassifier.classify(facts, state, NOW, GRACE);
  }

  private static NamespaceFacts facts(
      Instant created, Instant expiresAt, boolean kept, boolean terminating) {
    return new NamespaceFacts(
        "env-a-b", "uid", created, terminating, kept, "a-b", "a", "environment/a/b", expiresAt);
  }
}
