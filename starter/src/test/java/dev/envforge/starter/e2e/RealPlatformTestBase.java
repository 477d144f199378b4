package dev.envforge.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.starter.security.TestTokens;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole system as it runs in production, on one machine: this starter in-process and serving
 * real HTTP, the packaged worker in its own JVM on the same task queue and namespace prefix, the
 * Temporal dev server, the real API server and the real Postgres of the local platform. Every test
 * works under teams of its own and leaves nothing behind, pass or fail.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "envforge.events.poll-interval=PT0.2S",
      // The API ends a stream it has followed this long, so no client waits for ever.
      "envforge.events.timeout=PT3M",
      "envforge.security.tokens[0].name=e2e-admin",
      "envforge.security.tokens[0].sha256=" + TestTokens.ADMIN_SHA256,
      "envforge.security.tokens[0].admin=true",
      "envforge.security.rate-limit.capacity=1000"
    })
@ExtendWith({LocalPlatformExtension.class, RealWorkerExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealPlatformTestBase {

  /** How long any one wait on the real system may take: provisioning, teardown, compensation. */
  static final Duration PATIENCE = Duration.ofMinutes(3);

  @LocalServerPort private int port;
  @Autowired private WorkflowClient temporal;

  protected LocalPlatform platform;
  protected EnvironmentApi api;
  protected ClusterProbe cluster;
  protected PostgresProbe postgres;
  protected TemporalRuns runs;
  private Leftovers leftovers;
  private final List<String> teams = new ArrayList<>();

  @DynamicPropertySource
  static void realPlatform(DynamicPropertyRegistry registry) {
    LocalPlatform platform = LocalPlatformExtension.platform();
    registry.add("spring.temporal.connection.target", platform::temporalAddress);
    registry.add("spring.temporal.namespace", platform::temporalNamespace);
    registry.add("envforge.temporal-ui-base-url", platform::temporalUi);
    registry.add("envforge.task-queue", () -> EndToEndSettings.TASK_QUEUE);
    registry.add("envforge.namespace-prefix", () -> EndToEndSettings.NAMESPACE_PREFIX);
  }

  @BeforeAll
  void connect(LocalPlatform platform) {
    this.platform = platform;
    api = new EnvironmentApi(port, TestTokens.ADMIN);
    cluster = new ClusterProbe(platform);
    postgres = new PostgresProbe(platform);
    runs = new TemporalRuns(temporal);
    leftovers = new Leftovers(runs, cluster, postgres);
  }

  @AfterEach
  void removeLeftovers() {
    teams.forEach(leftovers::removeTeam);
    teams.clear();
  }

  @AfterAll
  void disconnect() {
    cluster.close();
  }

  /** A team name no other test or run uses, cleaned up after the test. */
  protected String newTeam(String purpose) {
    String team = purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
    teams.add(team);
    return team;
  }

  protected static String namespaceOf(String team, String name) {
    return EnvironmentNaming.namespace(EndToEndSettings.NAMESPACE_PREFIX, team, name);
  }

  /** Requests a new environment and returns the id of the run that was started for it. */
  protected String start(EnvironmentRequest request) {
    HttpResponse<String> created = api.request(request);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    return api.body(created).get("runId").asString();
  }

  /**
   * Follows the environment's events until the API ends them, asserts where it ended, and returns
   * every status seen on the way.
   */
  protected List<JsonNode> followUntil(String team, String name, String finalPhase) {
    List<JsonNode> events = api.follow(team, name, PATIENCE);
    assertThat(events).as("status events of %s/%s", team, name).isNotEmpty();
    JsonNode last = events.get(events.size() - 1);
    assertThat(phase(last))
        .as("the final status of %s/%s: %s", team, name, last)
        .isEqualTo(finalPhase);
    return events;
  }

  /** Deletes the environment through the API and waits until its run has really ended. */
  protected void destroyAndAwaitClosed(String team, String name, String runId)
      throws InterruptedException {
    HttpResponse<String> deleted = api.destroy(team, name, "end-to-end test done");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
    assertThat(runs.awaitClosed(EnvironmentNaming.workflowId(team, name), runId, PATIENCE))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  protected static String phase(JsonNode status) {
    return status.get("phase").asString();
  }
}
