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

/**
 * Replays histories recorded from real runs (the worker on the local platform) against today's
 * workflow code: a change that would break running environments fails here, not in production. A
 * change that must alter the command sequence needs {@code Workflow.getVersion}.
 */
class EnvironmentWorkflowReplayTest {

  private static final Pattern PAYLOAD_DATA = Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=]+)\"");

  private static final String HISTORY = "histories/shared-postgres-extend-destroy.json";

  @Test
  void givenAHistoryOfProvisionExtendAndDestroy_whenReplayed_itShouldBeDeterministic() {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    HISTORY, EnvironmentWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  @Test
  void givenTheRecordedHistory_whenRead_itShouldHoldNoCredentials() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(HISTORY)) {
      String history = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Payloads are base64 in the exported JSON; look at what they really carry.
      StringBuilder payloads = new StringBuilder();
      Matcher data = PAYLOAD_DATA.matcher(history);
      while (data.find()) {
        payloads.append(
            new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
      }
      assertThat(payloads.toString())
          .contains("envforge-database")
          .contains("env_replay_record")
          .doesNotContainIgnoringCase("password");
    }
  }
}
