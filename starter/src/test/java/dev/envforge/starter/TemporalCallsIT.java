package dev.envforge.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.starter.e2e.TemporalRuns;
import dev.envforge.starter.metrics.InsightGauges;
import dev.envforge.starter.metrics.PhaseGauges;
import dev.envforge.starter.security.TestTokens;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentWorkflowImpl;
import dev.envforge.workflows.quota.TeamQuotaWorkflowImpl;
import dev.envforge.workflows.request.EnvironmentNaming;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one environment's life costs the Temporal server in calls from the API: a counting gRPC
 * interceptor sits on the API's service stubs, the real environment workflow runs on a worker of
 * this test's own (separately counted) stubs against the local platform's Temporal dev server, and
 * each API request is measured on its own. The database step is slow, as a Crossplane database or a
 * busy Postgres is, so that the event streams have to wait through an unchanging status.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "envforge.security.tokens[0].name=test-admin",
      "envforge.security.tokens[0].sha256=" + TestTokens.ADMIN_SHA256,
      "envforge.security.tokens[0].admin=true",
      "envforge.security.rate-limit.capacity=1000"
    })
@Import(TemporalCallsIT.CountedStubs.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalCallsIT {

  private static final TemporalCallCounter API_CALLS = new TemporalCallCounter();
  private static final TemporalCallCounter WORKER_CALLS = new TemporalCallCounter();
  private static final String TASK_QUEUE = "calls-it-" + UUID.randomUUID();
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration SLOW_DATABASE = Duration.ofSeconds(6);

  /**
   * A stream that polled every half second, as each stream did on its own before, would have made
   * at least a dozen queries during the slow database step alone; two streams twice that.
   */
  private static final int MOST_QUERIES_OF_TWO_STREAMS = 16;

  /** The API's stubs, as the Spring Temporal starter builds them, with the counter on. */
  @TestConfiguration(proxyBeanMethods = false)
  static class CountedStubs {
    @Bean
    TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> countedApiStubs() {
      return builder -> builder.addGrpcClientInterceptor(API_CALLS);
    }
  }

  /**
   * A Crossplane database that takes a while to become Ready. It is a regular activity (local calls
   * keep the run's workflow task, and so its queries, waiting), so the streams poll during it.
   */
  static class SlowDatabase extends FakePlatform {
    @Override
    public DatabaseRef ensureCompositeDatabase(DatabaseSpec spec) {
      try {
        Thread.sleep(SLOW_DATABASE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.ensureDatabase(spec);
    }
  }

  /** The gauges count in visibility on their own schedule, which would blur the measurements. */
  @MockitoBean PhaseGauges gauges;

  // Both gauges list visibility on their own schedule, off every request's path: not counted here.
  @MockitoBean InsightGauges insightGauges;

  @LocalServerPort int port;

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String team = "calls-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Measured> table = new LinkedHashMap<>();
  private WorkflowServiceStubs workerService;
  private WorkflowClient workerClient;
  private WorkerFactory workers;

  @DynamicPropertySource
  static void temporal(DynamicPropertyRegistry registry) {
    LocalPlatform platform = LocalPlatformExtension.platform();
    registry.add("spring.temporal.connection.target", platform::temporalAddress);
    registry.add("spring.temporal.namespace", platform::temporalNamespace);
    registry.add("envforge.task-queue", () -> TASK_QUEUE);
  }

  @BeforeAll
  void startWorker() {
    LocalPlatform platform = LocalPlatformExtension.platform();
    workerService =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(platform.temporalAddress())
                .addGrpcClientInterceptor(WORKER_CALLS)
                .build());
    workerClient =
        WorkflowClient.newInstance(
            workerService,
            WorkflowClientOptions.newBuilder().setNamespace(platform.temporalNamespace()).build());
    workers = WorkerFactory.newInstance(workerClient);
    var worker = workers.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        EnvironmentWorkflowImpl.class, TeamQuotaWorkflowImpl.class);
    worker.registerActivitiesImplementations(new SlowDatabase());
    workers.start();
  }

  @AfterAll
  void stopWorker() {
    new TemporalRuns(workerClient).terminateOpenRunsOf(team, "test cleanup");
    workers.shutdownNow();
    workerService.shutdownNow();
  }

  /** The calls one step made: the API's, by method, and the queries a worker had to answer. */
  record Measured(Map<String, Long> calls, long workerQueryAnswers) {
    long total() {
      return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    long of(String method) {
      return calls.getOrDefault(method, 0L);
    }
  }

  @Test
  void givenOneEnvironmentsLife_whenEachRequestIsCounted_itShouldCostTheseTemporalCalls()
      throws Exception {
    String path = "/api/v1/environments/" + team + "/web";
    String body =
        """
        {"team":"%s","name":"web","cluster":{"mode":"shared","name":"local"},"profile":"small",
         "database":{"kind":"postgres","driver":"crossplane"},"ttl":"PT2H"}
        """
            .formatted(team);
    // The client's first call also asks the server for its capabilities; not part of any step.
    assertThat(send(get("/api/v1/environments/" + team + "/nothing")).statusCode()).isEqualTo(404);

    HttpResponse<String> created = measure("POST (new)", () -> send(post(BASE, body)));
    assertThat(created.statusCode()).isEqualTo(202);
    String runId = read(created).get("runId").asString();

    List<List<JsonNode>> streams =
        measure(
            "2 SSE streams until READY",
            () -> {
              CompletableFuture<List<JsonNode>> first = follow(path + "/events");
              CompletableFuture<List<JsonNode>> second = follow(path + "/events");
              return List.of(
                  first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS),
                  second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            });
    for (List<JsonNode> events : streams) {
      assertThat(events.get(events.size() - 1).get("phase").asString()).isEqualTo("READY");
    }

    HttpResponse<String> running = measure("GET (running)", () -> send(get(path)));
    assertThat(read(running).get("phase").asString()).isEqualTo("READY");

    HttpResponse<String> again = measure("POST (repeated)", () -> send(post(BASE, body)));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(read(again).get("phase").asString()).isEqualTo("READY");

    HttpResponse<String> listed =
        measure("GET list", () -> send(get(BASE + "?team=" + team + "&pageSize=5")));
    assertThat(listed.statusCode()).isEqualTo(200);

    HttpResponse<String> extended =
        measure("POST extend", () -> send(post(path + "/extend", "{\"by\":\"PT1H\"}")));
    assertThat(extended.statusCode()).isEqualTo(200);

    HttpResponse<String> deleted = measure("DELETE", () -> send(delete(path + "?reason=done")));
    assertThat(deleted.statusCode()).isEqualTo(202);

    workerClient
        .newUntypedWorkflowStub(
            EnvironmentNaming.workflowId(team, "web"), Optional.of(runId), Optional.empty())
        .getResult(PATIENCE.toSeconds(), TimeUnit.SECONDS, EnvironmentStatus.class);

    HttpResponse<String> closed = measure("GET (closed)", () -> send(get(path)));
    assertThat(read(closed).get("phase").asString()).isEqualTo("DESTROYED");

    printTable();

    // The team quota's own calls (its reservation, and any listing it does) are not counted here.
    Measured post = table.get("POST (new)");
    assertThat(post.of("StartWorkflowExecution")).isEqualTo(1);
    assertThat(post.of("QueryWorkflow") + post.of("DescribeWorkflowExecution")).isZero();

    Measured follow = table.get("2 SSE streams until READY");
    assertThat(follow.of("DescribeWorkflowExecution"))
        .as("the streams' first status comes from the run the API started")
        .isZero();
    assertThat(follow.total())
        .as("one poll serves both streams, and backs off while the database step runs")
        .isEqualTo(follow.of("QueryWorkflow"))
        .isLessThanOrEqualTo(MOST_QUERIES_OF_TWO_STREAMS);

    assertThat(table.get("GET (running)").calls()).isEqualTo(Map.of("QueryWorkflow", 1L));

    Measured repeat = table.get("POST (repeated)");
    assertThat(repeat.of("GetWorkflowExecutionHistory"))
        .as("the live status carries the request to compare with")
        .isZero();
    assertThat(repeat.of("StartWorkflowExecution")).isEqualTo(1);
    assertThat(repeat.of("QueryWorkflow")).isEqualTo(1);

    assertThat(table.get("GET list").calls()).isEqualTo(Map.of("ListWorkflowExecutions", 1L));

    for (String update : List.of("POST extend", "DELETE")) {
      Measured measured = table.get(update);
      assertThat(measured.total())
          .as("%s goes straight to the open run, without describing it first", update)
          .isEqualTo(
              measured.of("UpdateWorkflowExecution") + measured.of("PollWorkflowExecutionUpdate"))
          .isPositive();
    }

    Measured closedGet = table.get("GET (closed)");
    assertThat(closedGet.calls())
        .as("a destroyed environment's status is its run's result")
        .isEqualTo(Map.of("DescribeWorkflowExecution", 1L, "GetWorkflowExecutionHistory", 1L));
    assertThat(closedGet.workerQueryAnswers()).as("no worker replays the closed run").isZero();
  }

  // --- measuring ----------------------------------------------------------------------------

  private interface Step<T> {
    T run() throws Exception;
  }

  private <T> T measure(String step, Step<T> action) throws Exception {
    Map<String, Long> apiBefore = API_CALLS.snapshot();
    Map<String, Long> workerBefore = WORKER_CALLS.snapshot();
    T result = action.run();
    long answers = WORKER_CALLS.since(workerBefore).getOrDefault("RespondQueryTaskCompleted", 0L);
    table.put(step, new Measured(API_CALLS.since(apiBefore), answers));
    return result;
  }

  private void printTable() {
    StringBuilder out = new StringBuilder("\nTemporal calls per API request\n");
    out.append(String.format("%-26s %5s %7s  %s%n", "step", "calls", "worker", "by method"));
    table.forEach(
        (step, measured) ->
            out.append(
                String.format(
                    "%-26s %5d %7d  %s%n",
                    step, measured.total(), measured.workerQueryAnswers(), measured.calls())));
    System.out.println(out);
  }

  // --- HTTP ---------------------------------------------------------------------------------

  private static final String BASE = "/api/v1/environments";

  private HttpRequest.Builder authorised(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(PATIENCE)
        .header("Authorization", TestTokens.bearer(TestTokens.ADMIN));
  }

  private HttpRequest get(String path) {
    return authorised(path).GET().build();
  }

  private HttpRequest delete(String path) {
    return authorised(path).DELETE().build();
  }

  private HttpRequest post(String path, String body) {
    return authorised(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Follows a server-sent event stream to its end; the data of its status events. */
  private CompletableFuture<List<JsonNode>> follow(String path) {
    return http.sendAsync(
            authorised(path).header("Accept", "text/event-stream").GET().build(),
            HttpResponse.BodyHandlers.ofLines())
        .thenApply(
            response -> {
              List<JsonNode> events = new ArrayList<>();
              String event = null;
              try (Stream<String> lines = response.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                  if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                  } else if (line.startsWith("data:") && "status".equals(event)) {
                    events.add(json.readTree(line.substring("data:".length())));
                  }
                }
              }
              return events;
            });
  }

  private JsonNode read(HttpResponse<String> response) {
    return json.readTree(response.body());
  }
}
