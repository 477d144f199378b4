package dev.envforge.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.environment.Step;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The API over real HTTP against the local platform's Temporal dev server, with the real
 * environment workflow on a worker of this test's own task queue and a {@link FakePlatform} behind
 * it. Every run uses fresh team names, and terminates what it leaves running.
 */
@TestPropertySource(
    properties = {
      "envforge.events.poll-interval=PT0.1S",
      "envforge.metrics.phase-refresh-interval=PT1S",
      "management.prometheus.metrics.export.enabled=true",
      "management.endpoint.health.show-components=always",
      "envforge.security.rate-limit.capacity=1000"
    })
class EnvironmentApiIT extends DevServerApiTestBase {

  private static final int LIMITED_TEAM_LIMIT = 2;

  @DynamicPropertySource
  static void limitedTeam(DynamicPropertyRegistry registry) {
    registry.add("envforge.limits.teams[limit-" + SUFFIX + "]", () -> LIMITED_TEAM_LIMIT);
  }

  @Test
  void givenANewEnvironment_whenRequestedFollowedExtendedAndDeleted_itShouldLiveItsWholeLife()
      throws Exception {
    String team = team("life");
    String body = requestBody(team, "web", "local");

    HttpResponse<String> created = post("/api/v1/environments", body);
    assertThat(created.statusCode()).isEqualTo(202);
    assertThat(created.headers().firstValue("Location"))
        .hasValue("/api/v1/environments/" + team + "/web");
    String runId = read(created).get("runId").asString();

    List<JsonNode> events = events("/api/v1/environments/" + team + "/web/events");
    assertThat(events).isNotEmpty();
    // The short steps run as local activities within one workflow task, which the stream's first
    // status query waits for: the stream may begin at READY.
    assertThat(events.get(0).get("phase").asString()).isIn("PROVISIONING", "READY");
    assertThat(events.get(events.size() - 1).get("phase").asString()).isEqualTo("READY");
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i)).as("only changes are sent").isNotEqualTo(events.get(i - 1));
    }

    HttpResponse<String> fetched = get("/api/v1/environments/" + team + "/web");
    assertThat(fetched.statusCode()).isEqualTo(200);
    JsonNode ready = read(fetched);
    assertThat(ready.get("phase").asString()).isEqualTo("READY");
    assertThat(ready.get("namespace").asString()).isEqualTo("env-" + team + "-web");
    assertThat(ready.get("cluster").asString()).isEqualTo("local");
    assertThat(ready.get("secretName").asString()).isEqualTo("envforge-database");
    assertThat(ready.get("databaseName").asString())
        .isEqualTo("env_" + team.replace('-', '_') + "_web");
    assertThat(ready.get("databaseHost").asString()).isEqualTo("127.0.0.1");
    // Every step is listed, those that do not apply (capabilities, Argo CD here) as SKIPPED.
    assertThat(ready.get("steps").size()).isEqualTo(Step.values().length);
    assertThat(ready.get("steps").get(0).get("status").asString()).isEqualTo("DONE");
    assertThat(ready.get("temporalUiUrl").asString())
        .endsWith("/workflows/environment%2F" + team + "%2Fweb/" + runId + "/history");
    assertThat(fetched.body()).doesNotContainIgnoringCase("password");

    HttpResponse<String> again = post("/api/v1/environments", body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(read(again).get("runId").asString()).isEqualTo(runId);

    HttpResponse<String> conflicting =
        post("/api/v1/environments", body.replace("\"small\"", "\"large\""));
    assertThat(conflicting.statusCode()).isEqualTo(409);
    assertThat(conflicting.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(read(conflicting).get("differences").get(0).get("field").asString())
        .isEqualTo("profile");

    Instant expiry = Instant.parse(ready.get("expiresAt").asString());
    HttpResponse<String> extended =
        post("/api/v1/environments/" + team + "/web/extend", "{\"by\":\"PT1H\"}");
    assertThat(extended.statusCode()).isEqualTo(200);
    assertThat(Instant.parse(read(extended).get("expiresAt").asString()))
        .isEqualTo(expiry.plus(Duration.ofHours(1)));

    HttpResponse<String> tooFar =
        post("/api/v1/environments/" + team + "/web/extend", "{\"by\":\"P30D\"}");
    assertThat(tooFar.statusCode()).isEqualTo(422);
    assertThat(read(tooFar).get("detail").asString()).contains("beyond the maximum TTL");

    HttpResponse<String> deleted = delete("/api/v1/environments/" + team + "/web?reason=done");
    assertThat(deleted.statusCode()).isEqualTo(202);
    // The destroy update answers as soon as teardown is requested; the phase follows.
    assertThat(read(deleted).get("reason").asString()).isEqualTo("destroyed: done");

    JsonNode destroyed =
        eventually(
            () -> read(get("/api/v1/environments/" + team + "/web")),
            status -> "DESTROYED".equals(status.get("phase").asString()));
    assertThat(destroyed.get("reason").asString()).contains("done");

    HttpResponse<String> deletedAgain = delete("/api/v1/environments/" + team + "/web");
    assertThat(deletedAgain.statusCode()).isEqualTo(202);
    assertThat(read(deletedAgain).get("phase").asString()).isEqualTo("DESTROYED");

    HttpResponse<String> extendDestroyed =
        post("/api/v1/environments/" + team + "/web/extend", "{\"by\":\"PT1H\"}");
    assertThat(extendDestroyed.statusCode()).isEqualTo(409);

    HttpResponse<String> reborn = post("/api/v1/environments", body);
    assertThat(reborn.statusCode()).isEqualTo(202);
    assertThat(read(reborn).get("runId").asString()).isNotEqualTo(runId);

    String metrics = get("/actuator/prometheus").body();
    assertThat(metrics).containsPattern("envforge_environment_time_to_ready_seconds_count [1-9]");
  }

  @Test
  void givenAnUnknownCluster_whenFollowed_itShouldEndFailedWithTheReason() throws Exception {
    String team = team("fail");
    assertThat(
            post("/api/v1/environments", requestBody(team, "web", FakePlatform.MISSING_CLUSTER))
                .statusCode())
        .isEqualTo(202);

    List<JsonNode> events = events("/api/v1/environments/" + team + "/web/events");

    JsonNode last = events.get(events.size() - 1);
    assertThat(last.get("phase").asString()).isEqualTo("FAILED");
    assertThat(last.get("reason").asString()).contains("no shared cluster named 'missing'");
    assertThat(last.get("steps").get(0).get("lastError").asString()).contains("missing");
  }

  @Test
  void givenThreeEnvironments_whenListedTwoPerPage_itShouldPageThroughAllOfThem() throws Exception {
    String team = team("list");
    for (String name : List.of("a", "b", "c")) {
      assertThat(post("/api/v1/environments", requestBody(team, name, "local")).statusCode())
          .isEqualTo(202);
    }
    String other = team("other");
    post("/api/v1/environments", requestBody(other, "a", "local"));

    JsonNode first =
        eventually(
            () -> read(get("/api/v1/environments?team=" + team + "&pageSize=2")),
            page -> page.get("items").size() == 2 && !page.get("nextPageToken").isNull());
    JsonNode second =
        read(
            get(
                "/api/v1/environments?team="
                    + team
                    + "&pageSize=2&pageToken="
                    + first.get("nextPageToken").asString()));

    Set<String> names = new HashSet<>();
    Stream.concat(first.get("items").valueStream(), second.get("items").valueStream())
        .forEach(
            item -> {
              assertThat(item.get("team").asString()).isEqualTo(team);
              names.add(item.get("name").asString());
            });
    assertThat(names).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(second.get("nextPageToken").isNull()).isTrue();

    JsonNode readyOnes =
        eventually(
            () -> read(get("/api/v1/environments?team=" + team + "&phase=ready")),
            page -> page.get("items").size() == 3);
    assertThat(
            readyOnes
                .get("items")
                .valueStream()
                .map(item -> item.get("phase").asString())
                .collect(Collectors.toSet()))
        .containsExactly("READY");

    HttpResponse<String> badPhase = get("/api/v1/environments?team=" + team + "&phase=asleep");
    assertThat(badPhase.statusCode()).isEqualTo(400);
    assertThat(read(badPhase).get("errors").get(0).get("field").asString()).isEqualTo("phase");
  }

  @Test
  void givenATeamLimit_whenManyRequestsRaceForTheLastSlots_itShouldGrantExactlyTheLimit()
      throws Exception {
    String team = team("limit");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String body = requestBody(team, "env" + i, "local");
      answers.add(pool.submit(() -> post("/api/v1/environments", body)));
    }
    List<Integer> statuses = new ArrayList<>();
    JsonNode refusal = null;
    for (Future<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get();
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        refusal = read(response);
      }
    }
    pool.shutdown();

    assertThat(statuses).containsOnly(202, 429);
    assertThat(statuses.stream().filter(status -> status == 202).count())
        .isEqualTo(LIMITED_TEAM_LIMIT);
    assertThat(refusal.get("limit").asInt()).isEqualTo(LIMITED_TEAM_LIMIT);
    assertThat(refusal.get("detail").asString()).contains("at most " + LIMITED_TEAM_LIMIT);
    // Visibility lags behind the starts: wait until it shows the granted ones, then count.
    long started =
        eventually(
            () -> client.listExecutions("EnvTeam = '" + team + "'").count(),
            count -> count >= LIMITED_TEAM_LIMIT);
    assertThat(started)
        .as("only the granted environments were started")
        .isEqualTo(LIMITED_TEAM_LIMIT);
  }

  @Test
  void givenTemporalUp_whenReadinessIsProbed_itShouldBeUpWithTheTemporalCheck() throws Exception {
    HttpResponse<String> readiness = get("/actuator/health/readiness");

    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(read(readiness).get("components").get("temporal").get("status").asString())
        .isEqualTo("UP");
  }

  @Test
  void givenNoSuchEnvironment_whenFetchedOrFollowed_itShouldAnswer404Problems() throws Exception {
    String team = team("absent");
    assertThat(get("/api/v1/environments/" + team + "/nothing").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/environments/" + team + "/nothing/events").statusCode()).isEqualTo(404);
    assertThat(delete("/api/v1/environments/" + team + "/nothing").statusCode()).isEqualTo(404);
  }

  // --- HTTP helpers -------------------------------------------------------------------------

  private static String requestBody(String team, String name, String cluster) {
    return """
        {"team":"%s","name":"%s","cluster":{"mode":"shared","name":"%s"},"profile":"small",
         "database":{"kind":"postgres","driver":"direct"},"ttl":"PT2H"}
        """
        .formatted(team, name, cluster);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(authorised(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        authorised(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return http.send(authorised(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Reads a server-sent event stream to its end and returns the data of its status events. */
  private List<JsonNode> events(String path) throws IOException, InterruptedException {
    HttpResponse<Stream<String>> response =
        http.send(
            authorised(path).header("Accept", "text/event-stream").GET().build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
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
  }
}
