package dev.envforge.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.envforge.workflows.environment.EnvironmentStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowStub;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Delivery figures for a seeded set of real runs (the real environment workflow on the dev server,
 * over the fake platform): an environment extended twice and destroyed, one that failed for an
 * unknown cluster and then came up under the same name, and one still live. The API's figures equal
 * those worked out here from the runs' own start, close and READY times.
 */
@TestPropertySource(properties = "envforge.metrics.insights-refresh-interval=PT1S")
class InsightsIT extends DevServerApiTestBase {

  private static final double EXACT = 1e-9;

  @Test
  void givenSeededRuns_whenInsightsAreAsked_itShouldAnswerTheHandComputedFigures()
      throws Exception {
    String team = team("insights");
    Instant from = Instant.now().minusSeconds(1);

    create(team, "a", "local");
    awaitPhase(team, "a", "READY");
    extend(team, "a");
    extend(team, "a");
    destroy(team, "a");
    awaitPhase(team, "a", "DESTROYED");

    create(team, "b", FakePlatform.MISSING_CLUSTER);
    awaitPhase(team, "b", "FAILED");
    create(team, "b", "local");
    awaitPhase(team, "b", "READY");

    create(team, "c", "local");
    awaitPhase(team, "c", "READY");

    // By hand, from the runs themselves.
    Run a = runs(team, "a").get(0);
    List<Run> bs = runs(team, "b");
    Run failedB = bs.get(0);
    Run b = bs.get(1);
    Run c = runs(team, "c").get(0);
    List<Double> toReady =
        List.of(
                seconds(a.started, a.ready),
                seconds(b.started, b.ready),
                seconds(c.started, c.ready))
            .stream()
            .sorted()
            .toList();
    double restore = seconds(failedB.closed, b.ready);
    double lifetime = seconds(a.ready, a.closed);

    String query =
        "/api/v1/insights?team="
            + team
            + "&from="
            + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8);
    JsonNode answer =
        eventually(
            () -> read(get(query)),
            json ->
                json.path("figures").path("requested").asLong() == 4
                    && json.path("figures").path("live").path(team).asLong() == 2
                    && json.path("figures").path("ready").asLong() == 3);
    JsonNode figures = answer.path("figures");

    assertThat(answer.path("team").asString()).isEqualTo(team);
    assertThat(figures.path("failed").asLong()).isEqualTo(1);
    assertThat(figures.path("failuresByType").path("UNKNOWN_CLUSTER").asLong()).isEqualTo(1);
    assertThat(figures.path("changeFailureRate").asDouble()).isCloseTo(0.25, within(EXACT));
    assertThat(figures.path("timeToReady").path("count").asLong()).isEqualTo(3);
    // Nearest rank of three: the median is the second, p95 the third.
    assertThat(figures.path("timeToReady").path("p50Seconds").asDouble())
        .isCloseTo(toReady.get(1), within(EXACT));
    assertThat(figures.path("timeToReady").path("p95Seconds").asDouble())
        .isCloseTo(toReady.get(2), within(EXACT));
    assertThat(figures.path("timeToReady").path("meanSeconds").asDouble())
        .isCloseTo((toReady.get(0) + toReady.get(1) + toReady.get(2)) / 3, within(1e-6));
    assertThat(figures.path("timeToRestore").path("restored").asLong()).isEqualTo(1);
    assertThat(figures.path("timeToRestore").path("meanSeconds").asDouble())
        .isCloseTo(restore, within(EXACT));
    assertThat(figures.path("lifetimes").path("ended").asLong()).isEqualTo(1);
    assertThat(figures.path("lifetimes").path("meanSeconds").asDouble())
        .isCloseTo(lifetime, within(EXACT));
    assertThat(figures.path("extensions").path("total").asLong()).isEqualTo(2);
    assertThat(figures.path("extensions").path("perReadyEnvironment").asDouble())
        .isCloseTo(2.0 / 3, within(EXACT));

    // The same figures as Prometheus gauges, labelled with the team.
    String label = "{team=\"" + team + "\"}";
    String metrics =
        eventually(
            () -> get("/actuator/prometheus").body(),
            body ->
                body.contains("envforge_insights_requested" + label + " 4.0")
                    && body.contains("envforge_insights_ready" + label + " 3.0")
                    && body.contains("envforge_insights_live" + label + " 2.0"));
    assertThat(metrics)
        .contains("envforge_insights_ready" + label + " 3.0")
        .contains("envforge_insights_live" + label + " 2.0")
        .contains("envforge_insights_extensions" + label + " 2.0")
        .contains("envforge_insights_change_failure_rate" + label + " 0.25")
        .contains("envforge_insights_failed{team=\"" + team + "\",type=\"UNKNOWN_CLUSTER\"} 1.0");
  }

  @Test
  void givenAMalformedWindow_whenInsightsAreAsked_itShouldAnswer400NamingTheField()
      throws Exception {
    HttpResponse<String> response = get("/api/v1/insights?from=yesterday");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("from");
  }

  @Test
  void givenAWindowBeforeTheEpochOrAfterTheYear9999_whenInsightsAreAsked_itShouldAnswerIt()
      throws Exception {
    HttpResponse<String> early = get("/api/v1/insights?to=0000-01-01T00%3A00%3A00Z");
    HttpResponse<String> wide =
        get("/api/v1/insights?from=0001-01-01T00%3A00%3A00Z&to=9999-12-31T23%3A59%3A59.5Z");

    assertThat(early.statusCode()).as(early.body()).isEqualTo(200);
    assertThat(read(early).path("figures").path("requested").asLong()).isZero();
    assertThat(wide.statusCode()).as(wide.body()).isEqualTo(200);
    assertThat(read(wide).path("from").asString()).isEqualTo("1970-01-01T00:00:00Z");
  }

  /** One run of an environment as Temporal and the workflow tell it. */
  record Run(Instant started, Instant closed, Instant ready) {}

  private List<Run> runs(String team, String name) {
    String workflowId = "environment/" + team + "/" + name;
    return client
        .listExecutions("WorkflowId = '" + workflowId + "'")
        .sorted(Comparator.comparing(WorkflowExecutionMetadata::getStartTime))
        .map(run -> run(workflowId, run))
        .toList();
  }

  private Run run(String workflowId, WorkflowExecutionMetadata run) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            workflowId, Optional.of(run.getExecution().getRunId()), Optional.empty());
    EnvironmentStatus status = stub.query("status", EnvironmentStatus.class);
    return new Run(run.getStartTime(), run.getCloseTime(), status.readyAt());
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private void create(String team, String name, String cluster) throws Exception {
    String body =
        "{\"team\":\"%s\",\"name\":\"%s\",\"cluster\":{\"mode\":\"shared\",\"name\":\"%s\"},\"ttl\":\"PT4H\"}"
            .formatted(team, name, cluster);
    HttpResponse<String> response =
        http.send(
            authorised("/api/v1/environments")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
  }

  private void extend(String team, String name) throws Exception {
    HttpResponse<String> response =
        http.send(
            authorised("/api/v1/environments/" + team + "/" + name + "/extend")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"PT1H\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private void destroy(String team, String name) throws Exception {
    HttpResponse<String> response =
        http.send(
            authorised("/api/v1/environments/" + team + "/" + name).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
  }

  private void awaitPhase(String team, String name, String phase) {
    eventually(
        () -> read(get("/api/v1/environments/" + team + "/" + name)).path("phase").asString(),
        phase::equals);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(authorised(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
