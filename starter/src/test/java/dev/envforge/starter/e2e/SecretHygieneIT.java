package dev.envforge.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.Secret;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The database password exists in exactly one place, the environment's Secret. After a whole
 * lifecycle (request, events, repeat, conflict, extend, list, delete) it must appear in none of:
 * the run's history and description as Temporal stores them, the worker's log, the API's log, any
 * answer of the API, any problem or exception message.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneIT extends RealPlatformTestBase {

  private static final String NAME = "vault";

  @Autowired private WorkflowClient temporal;

  @Test
  void givenAProvisionedDatabase_whenEverythingThatLeavesAProcessIsScanned_itShouldHoldNoPassword(
      CapturedOutput starterOutput) throws Exception {
    String team = newTeam("hygiene");
    EnvironmentRequest request =
        new EnvironmentRequest(
            team,
            NAME,
            ClusterChoice.shared("local"),
            Profile.SMALL,
            DatabaseChoice.postgres(DatabaseDriver.DIRECT),
            "PT2H");
    String runId = start(request);
    followUntil(team, NAME, "READY");
    String namespace = namespaceOf(team, NAME);
    Secret secret = cluster.secret(namespace, "envforge-database");
    String password = DatabaseLogin.from(secret).password();
    assertThat(password.length()).as("a real generated password").isGreaterThanOrEqualTo(16);

    api.request(request);
    api.request(
        new EnvironmentRequest(
            team,
            NAME,
            ClusterChoice.shared("local"),
            Profile.LARGE,
            DatabaseChoice.postgres(DatabaseDriver.DIRECT),
            "PT2H"));
    api.get(team, NAME);
    api.extend(team, NAME, ExtendRequest.by("PT1H"));
    api.extend(team, NAME, ExtendRequest.by("P90D"));
    destroyAndAwaitClosed(team, NAME, runId);
    api.get(team, NAME);
    api.extend(team, NAME, ExtendRequest.by("PT1H"));

    String workflowId = EnvironmentNaming.workflowId(team, NAME);
    Map<String, String> places = new LinkedHashMap<>();
    places.put("workflow history", rawHistory(workflowId, runId));
    places.put("workflow description", rawDescription(workflowId, runId));
    places.put(
        "worker log", Files.readString(RealWorkerExtension.WORKER_LOG, StandardCharsets.UTF_8));
    places.put("starter log", starterOutput.getAll());
    places.put("API answers", String.join("\n", api.transcript()));

    // The scan must be able to find it, or finding nothing would prove nothing.
    assertThat(hits(password, secret.getData().toString())).as("the Secret itself").isNotEmpty();
    assertThat(api.transcript()).as("answers were recorded").hasSizeGreaterThan(8);
    assertThat(places.get("workflow history")).contains(workflowId.substring(0, 12));
    assertThat(places.get("worker log")).isNotBlank();
    places.forEach(
        (place, text) ->
            assertThat(hits(password, text)).as("the password in the " + place).isEmpty());
  }

  /** The password as is, and base64-encoded as a Secret or a careless encoder would carry it. */
  private static List<String> hits(String password, String text) {
    List<String> forms =
        List.of(
            password,
            Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)),
            Base64.getUrlEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
    List<String> found = new ArrayList<>();
    for (String form : forms) {
      int at = text.indexOf(form);
      if (at >= 0) {
        // Say where, never what.
        found.add("form " + forms.indexOf(form) + " at offset " + at);
      }
    }
    return found;
  }

  /** The history's protobuf bytes: payload data appears there exactly as the worker wrote it. */
  private String rawHistory(String workflowId, String runId) {
    byte[] bytes =
        temporal
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(temporal.getOptions().getNamespace())
                    .setExecution(execution(workflowId, runId))
                    .build())
            .getHistory()
            .toByteArray();
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** Search attributes, memo, summary and current details of the run. */
  private String rawDescription(String workflowId, String runId) {
    byte[] bytes =
        temporal
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(temporal.getOptions().getNamespace())
                    .setExecution(execution(workflowId, runId))
                    .build())
            .toByteArray();
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static WorkflowExecution execution(String workflowId, String runId) {
    return WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
  }
}
