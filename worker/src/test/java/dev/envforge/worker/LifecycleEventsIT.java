package dev.envforge.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.envforge.activities.events.CDEventsValidator;
import dev.envforge.activities.notification.WebhookSignature;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real environment's lifecycle, run by the real worker against the local platform, as two
 * loopback sinks receive it: the first always accepts, the second refuses the first two POSTs with
 * 503. Each sink takes each change once (the retries reach only the sink still owed the event), the
 * events are signed with each sink's key, and every accepted event is valid by the CDEvents
 * project's own validation.
 */
@ExtendWith(LocalPlatformExtension.class)
class LifecycleEventsIT {

  private static final String PREFIX = "events-";

  /** One POST as a sink got it. */
  record Received(int answer, String id, String signature, byte[] body) {}

  /** A loopback receiver that refuses its first {@code failures} POSTs with 503. */
  static final class Sink implements AutoCloseable {
    final List<Received> received = new CopyOnWriteArrayList<>();
    final HttpServer server;
    final Path keyFile;
    final String key;

    Sink(Path dir, String key, int failures) throws IOException {
      this.key = key;
      keyFile = dir.resolve("key-" + UUID.randomUUID());
      Files.writeString(keyFile, key + "\n");
      AtomicInteger refusals = new AtomicInteger(failures);
      ObjectMapper json = new ObjectMapper();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/events",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = refusals.getAndDecrement() > 0 ? 503 : 202;
            received.add(
                new Received(
                    answer,
                    json.readTree(body).path("id").asText(),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    body));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    List<Received> accepted() {
      return received.stream().filter(r -> r.answer() == 202).toList();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private LocalPlatform platform;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private final String taskQueue = "events-" + UUID.randomUUID();
  private final String team = "events";
  private final String name = "e" + UUID.randomUUID().toString().substring(0, 6);

  @BeforeEach
  void connect(LocalPlatform platform) {
    this.platform = platform;
    service = platform.newTemporalService();
    client = platform.workflowClient(service);
  }

  @AfterEach
  void disconnect() {
    service.shutdownNow();
  }

  @Test
  void givenASinkThatFailsTwiceFirst_whenAnEnvironmentLivesAndEnds_itShouldReceiveEachChangeOnce(
      @TempDir Path dir) throws Exception {
    try (Sink steady = new Sink(dir, "steady-sink-key", 0);
        Sink flaky = new Sink(dir, "flaky-sink-key", 2);
        WorkerJvm worker =
            WorkerJvm.start(
                platform,
                taskQueue,
                PREFIX,
                Path.of("target", "events-worker.log").toAbsolutePath(),
                Map.of(
                    "ENVFORGE_WEBHOOK_URL", steady.url(),
                    "ENVFORGE_WEBHOOK_SECRET_FILE", steady.keyFile.toString(),
                    "ENVFORGE_NOTIFICATIONS_SINKS_0_URL", flaky.url(),
                    "ENVFORGE_NOTIFICATIONS_SINKS_0_SECRETFILE", flaky.keyFile.toString()))) {
      EnvironmentWorkflow workflow = startEnvironment();
      await("READY")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(RuntimeException.class)
          .until(() -> workflow.status().phase() == Phase.READY);
      // The first change settles on both sinks (after the flaky one's two refusals) before the
      // next, so that the refusals fall on it.
      await("the first change on both sinks")
          .atMost(Duration.ofMinutes(1))
          .until(() -> steady.accepted().size() == 1 && flaky.accepted().size() == 1);
      workflow.extend(ExtendRequest.by("PT1H"));
      workflow.destroy("events test finished");
      EnvironmentStatus result =
          WorkflowStub.fromTyped(workflow).getResult(3, TimeUnit.MINUTES, EnvironmentStatus.class);
      assertThat(result.phase()).isEqualTo(Phase.DESTROYED);

      // The run waits for its announcements before it ends, so all have arrived by now.
      String prefix = EnvironmentNaming.workflowId(team, name) + "/";
      assertThat(steady.received).extracting(Received::answer).containsOnly(202);
      assertThat(steady.received)
          .extracting(Received::id)
          .hasSize(3)
          .doesNotHaveDuplicates()
          .allSatisfy(id -> assertThat(id).startsWith(prefix));
      // The first change came first (the test waited for it); the others may cross on the way.
      assertThat(steady.received.get(0).id()).endsWith("/created/1");
      assertThat(steady.received)
          .extracting(Received::id)
          .anySatisfy(id -> assertThat(id).endsWith("/extended/1"))
          .anySatisfy(id -> assertThat(id).endsWith("/deleted/1"));

      // The flaky sink refused the first change twice and then took it: the same id every time.
      assertThat(flaky.received).hasSize(5);
      assertThat(flaky.received.subList(0, 3))
          .extracting(Received::id)
          .containsOnly(steady.received.get(0).id());
      assertThat(flaky.accepted())
          .extracting(Received::id)
          .containsExactlyInAnyOrderElementsOf(steady.received.stream().map(Received::id).toList());

      for (Sink sink : List.of(steady, flaky)) {
        for (Received post : sink.received) {
          byte[] key = sink.key.getBytes(StandardCharsets.UTF_8);
          assertThat(post.signature()).isEqualTo(WebhookSignature.header(key, post.body()));
        }
      }

      List<byte[]> bodies = steady.received.stream().map(Received::body).toList();
      CDEventsValidator.Verdict verdict = CDEventsValidator.build().validate(bodies);
      assertThat(verdict.allValid()).as(String.join("\n", verdict.lines())).isTrue();
      assertThat(verdict.lines()).hasSize(3);

      JsonNode created = new ObjectMapper().readTree(bodies.get(0));
      assertThat(created.path("type").asText()).startsWith("dev.cdevents.environment.created.");
      assertThat(created.path("subject").asText()).isEqualTo(team + "-" + name);
      assertThat(created.path("data").path("customData").path("namespace").asText())
          .isEqualTo(PREFIX + team + "-" + name);
    }
  }

  private EnvironmentWorkflow startEnvironment() {
    EnvironmentWorkflow workflow =
        client.newWorkflowStub(
            EnvironmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(EnvironmentNaming.workflowId(team, name))
                .setTaskQueue(taskQueue)
                .build());
    // Four hours: the expiry warning (an hour before) stays out of this test.
    WorkflowClient.start(
        workflow::run,
        new EnvironmentRequest(
            team,
            name,
            ClusterChoice.sharedDefault(),
            Profile.SMALL,
            DatabaseChoice.none(),
            "PT4H"));
    return workflow;
  }
}
