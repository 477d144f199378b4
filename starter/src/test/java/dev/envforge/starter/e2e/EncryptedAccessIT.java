package dev.envforge.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.envforge.starter.security.TestTokens;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import dev.envforge.workflows.codec.AesGcmPayloadCodec;
import dev.envforge.workflows.codec.CodecKeys;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A developer's token with payload encryption on, the API and a packaged worker of its own sharing
 * the codec key: whoever holds that key (the Temporal UI through the codec endpoint, an operator)
 * decodes every payload of the run's history and still finds no token, because the token leaves the
 * activity sealed to a one-time key that only the API's request held. Nor do the API's log, the
 * worker's log or any API answer other than the grant itself hold it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "envforge.events.poll-interval=PT0.2S",
      "envforge.events.timeout=PT3M",
      "envforge.security.tokens[0].name=e2e-admin",
      "envforge.security.tokens[0].sha256=" + TestTokens.ADMIN_SHA256,
      "envforge.security.tokens[0].admin=true",
      "envforge.security.rate-limit.capacity=1000",
      "envforge.codec.enabled=true",
      "envforge.codec.active-key-id=" + EncryptedAccessIT.KEY_ID
    })
@ExtendWith({LocalPlatformExtension.class, OutputCaptureExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncryptedAccessIT {

  static final String KEY_ID = "access-k1";
  private static final String NAME = "sealed";
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  /** Its own queue: the shared end-to-end worker has no codec key and must not take these runs. */
  private static final String TASK_QUEUE = "e2e-codec-" + UUID.randomUUID();

  private static final Path WORKER_LOG = Path.of("target", "e2e-codec-worker.log").toAbsolutePath();
  private static final String KEY = newKey();
  private static final Path KEYS = keyDirectory();

  @LocalServerPort private int port;
  @Autowired private WorkflowClient temporal;

  private WorkerJvm worker;
  private ClusterProbe cluster;
  private Leftovers leftovers;
  private final List<String> teams = new ArrayList<>();

  @DynamicPropertySource
  static void platformAndCodec(DynamicPropertyRegistry registry) {
    LocalPlatform platform = LocalPlatformExtension.platform();
    registry.add("spring.temporal.connection.target", platform::temporalAddress);
    registry.add("spring.temporal.namespace", platform::temporalNamespace);
    registry.add("envforge.temporal-ui-base-url", platform::temporalUi);
    registry.add("envforge.task-queue", () -> TASK_QUEUE);
    registry.add("envforge.namespace-prefix", () -> EndToEndSettings.NAMESPACE_PREFIX);
    registry.add("envforge.codec.key-directory", KEYS::toString);
  }

  @BeforeAll
  void startWorker(LocalPlatform platform) {
    worker =
        WorkerJvm.start(
            platform,
            TASK_QUEUE,
            EndToEndSettings.NAMESPACE_PREFIX,
            WORKER_LOG,
            Map.of(
                "ENVFORGE_CODEC_ENABLED",
                "true",
                "ENVFORGE_CODEC_KEY_DIRECTORY",
                KEYS.toString(),
                "ENVFORGE_CODEC_ACTIVE_KEY_ID",
                KEY_ID));
    cluster = new ClusterProbe(platform);
    leftovers = new Leftovers(new TemporalRuns(temporal), cluster, new PostgresProbe(platform));
  }

  @AfterAll
  void stopWorker() {
    try {
      teams.forEach(leftovers::removeTeam);
    } finally {
      worker.close();
      cluster.close();
    }
  }

  @Test
  void givenEncryptionOn_whenAGrantIsMade_itsDecodedHistoryAndTheLogsShouldHoldNoToken(
      CapturedOutput starterOutput) throws Exception {
    String team = "codec-" + UUID.randomUUID().toString().substring(0, 6);
    teams.add(team);
    EnvironmentApi api = new EnvironmentApi(port, TestTokens.ADMIN);
    HttpResponse<String> created =
        api.request(
            new EnvironmentRequest(
                team,
                NAME,
                ClusterChoice.shared("local"),
                Profile.SMALL,
                DatabaseChoice.none(),
                "PT2H"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String runId = api.body(created).get("runId").asString();
    List<JsonNode> events = api.follow(team, NAME, PATIENCE);
    assertThat(events).isNotEmpty();
    assertThat(events.get(events.size() - 1).get("phase").asString()).isEqualTo("READY");

    HttpResponse<String> granted = api.access(team, NAME, "{\"ttl\":\"PT1H\"}", "application/json");
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
    String grantId = api.body(granted).get("grantId").asString();
    String token = tokenOf(api.body(granted).get("kubeconfig").asString());
    JsonNode status = api.body(api.get(team, NAME));
    HttpResponse<String> revoked = api.revokeAccess(team, NAME, grantId);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
    HttpResponse<String> deleted = api.destroy(team, NAME, "codec access test done");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
    assertThat(
            new TemporalRuns(temporal)
                .awaitClosed(EnvironmentNaming.workflowId(team, NAME), runId, PATIENCE))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    History history = rawHistory(EnvironmentNaming.workflowId(team, NAME), runId);
    List<Payload> payloads = new ArrayList<>();
    collectPayloads(history, payloads);
    assertThat(payloads)
        .as("payloads went to Temporal encrypted")
        .anySatisfy(
            payload ->
                assertThat(payload.getMetadataMap().get("encoding").toStringUtf8())
                    .isEqualTo(AesGcmPayloadCodec.ENCODING));
    AesGcmPayloadCodec codec =
        new AesGcmPayloadCodec(CodecKeys.fromBase64(Map.of(KEY_ID, KEY), KEY_ID));
    StringBuilder decoded = new StringBuilder();
    for (Payload payload : codec.decode(payloads)) {
      decoded.append(payload.getData().toString(StandardCharsets.UTF_8)).append('\n');
    }
    // The decoding must have worked, or finding nothing in it would prove nothing.
    assertThat(decoded.toString()).as("the decoded history").contains(grantId).contains(team);

    Map<String, String> places =
        Map.of(
            "decoded workflow history", decoded.toString(),
            "raw workflow history", new String(history.toByteArray(), StandardCharsets.ISO_8859_1),
            "status answer", status.toString(),
            "starter log", starterOutput.getAll(),
            "worker log", Files.readString(WORKER_LOG, StandardCharsets.UTF_8),
            "API answers but the grant",
                String.join(
                    "\n",
                    api.transcript().stream().filter(answer -> !answer.contains(token)).toList()));
    assertThat(api.transcript().stream().filter(answer -> answer.contains(token)))
        .as("the grant is the one answer that holds the token")
        .hasSize(1);
    places.forEach(
        (place, text) -> assertThat(hits(token, text)).as("the token in the " + place).isEmpty());
  }

  /** Every payload anywhere in a message: inputs, results, update arguments, memo, failures. */
  private static void collectPayloads(Message message, List<Payload> into) {
    if (message instanceof Payload payload) {
      into.add(payload);
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated()) {
        for (Object element : (List<?>) field.getValue()) {
          collectPayloads((Message) element, into);
        }
      } else {
        collectPayloads((Message) field.getValue(), into);
      }
    }
  }

  /** The token, its signature alone, and base64-encoded; says where, never what. */
  private static List<String> hits(String token, String text) {
    byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
    List<String> forms =
        List.of(
            token,
            token.split("\\.")[2],
            Base64.getEncoder().encodeToString(bytes),
            Base64.getUrlEncoder().encodeToString(bytes));
    List<String> found = new ArrayList<>();
    for (String form : forms) {
      int at = text.indexOf(form);
      if (at >= 0) {
        found.add("form " + forms.indexOf(form) + " at offset " + at);
      }
    }
    return found;
  }

  private History rawHistory(String workflowId, String runId) {
    return temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(temporal.getOptions().getNamespace())
                .setExecution(
                    WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                .build())
        .getHistory();
  }

  private static String tokenOf(String kubeconfig) {
    return kubeconfig
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith("token:"))
        .map(line -> line.substring("token:".length()).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no token in the kubeconfig"));
  }

  private static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static Path keyDirectory() {
    try {
      Path directory = Files.createTempDirectory("envforge-access-codec-keys");
      Files.writeString(directory.resolve(KEY_ID), KEY);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
