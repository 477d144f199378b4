package dev.envforge.starter;

import static org.awaitility.Awaitility.await;

import dev.envforge.starter.e2e.TemporalRuns;
import dev.envforge.starter.security.TestTokens;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.environment.EnvironmentWorkflowImpl;
import dev.envforge.workflows.quota.TeamQuotaWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API in-process and serving real HTTP, against the local platform's Temporal dev server, with
 * a worker the test runs itself on a task queue of its own. The admin token is configured; teams
 * named through {@link #team} get their open runs terminated when the class is done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Subclasses add theirs with @TestPropertySource too: all of them then form one property source,
// which a list such as the tokens needs (it binds from one source only).
@TestPropertySource(
    properties = {
      "envforge.security.tokens[0].name=test-admin",
      "envforge.security.tokens[0].sha256=" + TestTokens.ADMIN_SHA256,
      "envforge.security.tokens[0].admin=true"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DevServerApiTestBase {

  /** How long one request, or one wait for an eventually consistent answer, may take. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Makes this run's team names its own on a dev server that other runs share. */
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

  final JsonMapper json = JsonMapper.builder().build();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> teams = new ArrayList<>();

  @LocalServerPort int port;
  @Autowired WorkflowClient client;

  @Value("${envforge.task-queue}")
  String taskQueue;

  WorkerFactory workers;

  @DynamicPropertySource
  static void devServer(DynamicPropertyRegistry registry) {
    LocalPlatform platform = LocalPlatformExtension.platform();
    registry.add("spring.temporal.connection.target", platform::temporalAddress);
    registry.add("spring.temporal.namespace", platform::temporalNamespace);
    String taskQueue = "starter-it-" + UUID.randomUUID();
    registry.add("envforge.task-queue", () -> taskQueue);
  }

  /**
   * Registers on the test's worker the workflows and activities the test runs: unless a subclass
   * says otherwise, the real environment and quota workflows over a {@link FakePlatform}.
   */
  void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        EnvironmentWorkflowImpl.class, TeamQuotaWorkflowImpl.class);
    worker.registerActivitiesImplementations(new FakePlatform());
  }

  @BeforeAll
  void startWorker() {
    workers = startWorker(client);
  }

  /**
   * A worker on this test's task queue, through {@code client}, with what {@link #register} adds.
   */
  WorkerFactory startWorker(WorkflowClient client) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    register(factory.newWorker(taskQueue));
    factory.start();
    return factory;
  }

  @AfterAll
  void stopWorkerAndCleanUp() {
    for (String team : teams) {
      new TemporalRuns(client).terminateOpenRunsOf(team, "test cleanup");
    }
    workers.shutdownNow();
  }

  /** A team of this run, whose open runs are terminated after the class. */
  String team(String purpose) {
    String team = purpose + "-" + SUFFIX;
    teams.add(team);
    return team;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A request to {@code path} as the admin. */
  HttpRequest.Builder authorised(String path) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(PATIENCE)
        .header("Authorization", TestTokens.bearer(TestTokens.ADMIN));
  }

  JsonNode read(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  /** Visibility and teardown are eventually consistent: asks until the answer holds. */
  static <T> T eventually(Callable<T> call, Predicate<? super T> done) {
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(call, done);
  }
}
