package dev.envforge.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.starter.security.TestTokens;
import dev.envforge.workflows.codec.AesGcmPayloadCodec;
import dev.envforge.workflows.codec.CodecKeys;
import dev.envforge.workflows.codec.EncryptedDataConverter;
import dev.envforge.workflows.request.EnvironmentNaming;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Payload encryption on the real Temporal dev server: the API and a worker share keys {@code k1}
 * (active) and {@code k2}; what reaches the server is ciphertext, the codec endpoint turns it back
 * for an authorised caller only, and a worker that has rotated to {@code k2} still reads runs
 * written under {@code k1}.
 */
@TestPropertySource(
    properties = {
      "envforge.security.rate-limit.capacity=1000",
      "envforge.codec.enabled=true",
      "envforge.codec.active-key-id=k1"
    })
class EncryptedPayloadsIT extends DevServerApiTestBase {

  /** The keys as written into the key directory, by id, for the test's own rotated worker. */
  private static final Map<String, String> KEY_FILES = new TreeMap<>();

  private static final Path KEYS = keyDirectory();

  /** A TTL no other part of the history could spell: it must only ever travel encrypted. */
  private static final String TTL = "PT3H7M";

  @DynamicPropertySource
  static void codecKeys(DynamicPropertyRegistry registry) {
    registry.add("envforge.codec.key-directory", KEYS::toString);
  }

  private static Path keyDirectory() {
    try {
      Path directory = Files.createTempDirectory("envforge-codec-keys");
      SecureRandom random = new SecureRandom();
      for (String id : List.of("k1", "k2")) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        KEY_FILES.put(id, Base64.getEncoder().encodeToString(key));
        Files.writeString(directory.resolve(id), KEY_FILES.get(id));
      }
      return directory;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void givenEncryptionOn_whenAnEnvironmentIsMade_itsRawHistoryShouldHoldNoFieldValue()
      throws Exception {
    String team = team("enc");
    String runId = provision(team);

    History history = rawHistory(EnvironmentNaming.workflowId(team, "vault"), runId);
    String raw = new String(history.toByteArray(), StandardCharsets.ISO_8859_1);

    assertThat(raw)
        .as("field values and JSON of the request")
        .doesNotContain(TTL)
        .doesNotContain("\"ttl\"")
        .doesNotContain("\"profile\"")
        .doesNotContain("MEDIUM")
        .doesNotContain("\"driver\"")
        .doesNotContain("envforge-database");
    Payload input =
        history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    assertThat(input.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo(AesGcmPayloadCodec.ENCODING);
    assertThat(input.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");
    // Steps' results: regular activities' completions and local activities' markers alike.
    List<String> resultEncodings =
        history.getEventsList().stream()
            .flatMap(event -> activityResultsOf(event).stream())
            .filter(result -> result.getPayloadsCount() > 0)
            .map(result -> result.getPayloads(0).getMetadataMap().get("encoding").toStringUtf8())
            .toList();
    assertThat(resultEncodings).isNotEmpty().containsOnly(AesGcmPayloadCodec.ENCODING);

    // The codec endpoint, as the Temporal UI calls it, decodes for an authorised caller only.
    String body = codecBody(input);
    HttpResponse<String> anonymous = codec("/codec/decode", body, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain(TTL);
    HttpResponse<String> decoded = codec("/codec/decode", body, TestTokens.ADMIN);
    assertThat(decoded.statusCode()).isEqualTo(200);
    JsonNode plain = json.readTree(decoded.body()).get("payloads").get(0);
    assertThat(new String(Base64.getDecoder().decode(plain.get("data").asString())))
        .contains(TTL)
        .contains("\"team\":\"" + team + "\"");
    assertThat(
            new String(
                Base64.getDecoder().decode(plain.get("metadata").get("encoding").asString())))
        .isEqualTo("json/plain");
  }

  @Test
  void givenTheUiOrigin_whenItPreflightsTheCodec_itShouldBeAllowedAndOthersNot() throws Exception {
    HttpResponse<String> ui = preflight("http://127.0.0.1:8233");
    HttpResponse<String> stranger = preflight("https://evil.example");

    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://127.0.0.1:8233");
    assertThat(ui.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("x-namespace")
        .contains("authorization");
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void givenAWorkerRotatedToANewKey_whenAnOldRunIsUpdated_itShouldReplayItAndAnswer()
      throws Exception {
    String team = team("rot");
    String runId = provision(team);
    String workflowId = EnvironmentNaming.workflowId(team, "vault");

    // The rollout of a rotation: the workers restart with k2 active; k1 stays known.
    workers.shutdownNow();
    WorkflowClient rotated =
        WorkflowClient.newInstance(
            client.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder(client.getOptions())
                .setDataConverter(
                    EncryptedDataConverter.create(CodecKeys.fromBase64(KEY_FILES, "k2")))
                .build());
    workers = startWorker(rotated);

    // A fresh worker has nothing cached: answering means replaying the k1 history.
    HttpResponse<String> extended =
        send(
            authorised("/api/v1/environments/" + team + "/vault/extend")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"PT1H\"}"))
                .build());
    assertThat(extended.statusCode()).as(extended.body()).isEqualTo(200);

    Set<String> keyIds =
        rawHistory(workflowId, runId).getEventsList().stream()
            .flatMap(event -> payloadsOf(event).stream())
            .map(payload -> payload.getMetadataMap().get("encryption-key-id"))
            .filter(java.util.Objects::nonNull)
            .map(id -> id.toStringUtf8())
            .collect(Collectors.toSet());
    assertThat(keyIds).containsExactlyInAnyOrder("k1", "k2");
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Requests {@code <team>/vault} and waits until it is READY; returns its run id. */
  private String provision(String team) throws Exception {
    String body =
        """
        {"team":"%s","name":"vault","cluster":{"mode":"shared","name":"local"},"profile":"medium",
         "database":{"kind":"postgres","driver":"direct"},"ttl":"%s"}
        """
            .formatted(team, TTL);
    HttpResponse<String> created =
        send(
            authorised("/api/v1/environments")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonNode ready =
        eventually(
            () -> read(send(authorised("/api/v1/environments/" + team + "/vault").GET().build())),
            status -> "READY".equals(status.path("phase").asString()));
    return ready.get("runId").asString();
  }

  private History rawHistory(String workflowId, String runId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(
                    WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                .build())
        .getHistory();
  }

  private static List<Payloads> activityResultsOf(HistoryEvent event) {
    if (event.hasActivityTaskCompletedEventAttributes()) {
      return List.of(event.getActivityTaskCompletedEventAttributes().getResult());
    }
    if (event.hasMarkerRecordedEventAttributes()) {
      Payloads result = event.getMarkerRecordedEventAttributes().getDetailsMap().get("result");
      return result == null ? List.of() : List.of(result);
    }
    return List.of();
  }

  private static List<Payload> payloadsOf(HistoryEvent event) {
    List<Payload> payloads = new ArrayList<>();
    if (event.hasWorkflowExecutionStartedEventAttributes()) {
      payloads.addAll(
          event.getWorkflowExecutionStartedEventAttributes().getInput().getPayloadsList());
    }
    activityResultsOf(event).forEach(result -> payloads.addAll(result.getPayloadsList()));
    if (event.hasWorkflowExecutionUpdateCompletedEventAttributes()) {
      var outcome = event.getWorkflowExecutionUpdateCompletedEventAttributes().getOutcome();
      payloads.addAll(outcome.getSuccess().getPayloadsList());
    }
    if (event.hasWorkflowExecutionUpdateAcceptedEventAttributes()) {
      payloads.addAll(
          event
              .getWorkflowExecutionUpdateAcceptedEventAttributes()
              .getAcceptedRequest()
              .getInput()
              .getArgs()
              .getPayloadsList());
    }
    return payloads;
  }

  private String codecBody(Payload payload) {
    Base64.Encoder base64 = Base64.getEncoder();
    StringBuilder metadata = new StringBuilder();
    payload
        .getMetadataMap()
        .forEach(
            (key, value) ->
                metadata
                    .append(metadata.isEmpty() ? "" : ",")
                    .append('"')
                    .append(key)
                    .append("\":\"")
                    .append(base64.encodeToString(value.toByteArray()))
                    .append('"'));
    return "{\"payloads\":[{\"metadata\":{"
        + metadata
        + "},\"data\":\""
        + base64.encodeToString(payload.getData().toByteArray())
        + "\"}]}";
  }

  private HttpResponse<String> codec(String path, String body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(PATIENCE)
            .header("Content-Type", "application/json")
            .header("X-Namespace", client.getOptions().getNamespace())
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", TestTokens.bearer(token));
    }
    return send(request.build());
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/codec/decode"))
            .timeout(PATIENCE)
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace,authorization")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
