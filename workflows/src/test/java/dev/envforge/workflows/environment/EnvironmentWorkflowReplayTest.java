package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays histories recorded from real runs (the worker on the local platform) against today's
 * workflow code: a change that would break running environments fails here, not in production. A
 * change that must alter the command sequence needs {@code Workflow.getVersion}.
 */
class EnvironmentWorkflowReplayTest {

  static String[] histories() {
    return HISTORIES;
  }

  private static final Pattern PAYLOAD_DATA = Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=]+)\"");

  /**
   * Recorded with the worker on the local platform: a shared cluster with Postgres, extended (and
   * once refused) then destroyed, from before the destroy update reported DESTROYING; and one
   * destroyed after that change, so both sides of its version marker replay; and one that was
   * warned of its expiry (Event and webhook), extended after the warning, warned again and
   * destroyed, so the expiry-notifications version replays; and one whose short steps and database
   * undo ran as local activities, warned at once and destroyed, so the local-activities version
   * replays (the three before it were recorded without that version and keep regular activities);
   * and one registered with Argo CD and destroyed, so the argocd-registration version replays; and
   * one that asked for the statestore and secretstore capabilities, so the Dapr-components version
   * and its CAPABILITIES step replay.
   */
  private static final String[] HISTORIES = {
    "histories/shared-postgres-extend-destroy.json",
    "histories/default-cluster-destroy-reports-destroying.json",
    "histories/shared-postgres-warned-extended-destroy.json",
    "histories/shared-postgres-local-steps-destroy.json",
    "histories/shared-postgres-argocd-registered-destroy.json",
    // Recorded on the time-skipping test server with mocked activities: waited for approval and
    // was approved, slept and woke by hand and then by its schedule, and expired while asleep,
    // so the approval-gate and sleep-schedule versions replay.
    "histories/approved-scheduled-slept-expired.json",
    "histories/shared-postgres-dapr-components-destroy.json"
  };

  /**
   * Recorded by {@code LifecycleEventsIT} (a shared cluster without a database): created, extended
   * and deleted announced to two sinks, the facts in the memo, so the lifecycle-events version
   * replays.
   */
  private static final String LIFECYCLE_EVENTS = "histories/lifecycle-events-extend-destroy.json";

  @Test
  void givenARunThatAnnouncedItsChanges_whenReplayed_itShouldBeDeterministic() {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    LIFECYCLE_EVENTS, EnvironmentWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void givenARecordedHistory_whenReplayed_itShouldBeDeterministic(String history) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    history, EnvironmentWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void givenARecordedHistory_whenRead_itShouldHoldNoCredentials(String history) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(history)) {
      String exported = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Payloads are base64 in the exported JSON; look at what they really carry.
      StringBuilder payloads = new StringBuilder();
      Matcher data = PAYLOAD_DATA.matcher(exported);
      while (data.find()) {
        payloads.append(
            new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
      }
      assertThat(payloads.toString())
          .contains("envforge-database")
          // Proves the payloads were decoded: every recorded run made a database.
          .containsPattern("\"databaseName\":\"[a-z0-9_]+\"")
          .doesNotContainIgnoringCase("password");
    }
  }
}
