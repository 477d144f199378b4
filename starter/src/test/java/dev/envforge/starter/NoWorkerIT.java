package dev.envforge.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * With every worker stopped, a closed environment is still answered from its run (a destroyed one
 * from its result, a failed one from its history), and an open one is a 503 that says no worker is
 * answering and when to retry, never a 500.
 */
@TestPropertySource(
    properties = {
      "envforge.events.poll-interval=PT0.1S",
      "envforge.query-timeout=PT2S",
      "envforge.security.rate-limit.capacity=1000"
    })
class NoWorkerIT extends DevServerApiTestBase {

  /**
   * The server says "no poller" only once no worker has polled the task queue for a minute; until
   * then a query waits out its timeout.
   */
  private static final Duration NO_POLLER_NOTICED = Duration.ofSeconds(150);

  @Test
  void givenEveryWorkerStopped_whenClosedAndOpenEnvironmentsAreAsked_itShouldAnswerWithoutOne()
      throws Exception {
    String team = team("noworker");
    String base = "/api/v1/environments/" + team;
    assertThat(post(requestBody(team, "gone", "local")).statusCode()).isEqualTo(202);
    assertThat(post(requestBody(team, "broken", FakePlatform.MISSING_CLUSTER)).statusCode())
        .isEqualTo(202);
    assertThat(post(requestBody(team, "open", "local")).statusCode()).isEqualTo(202);
    eventually(() -> phase(get(base + "/gone")), "READY"::equals);
    assertThat(delete(base + "/gone?reason=done").statusCode()).isEqualTo(202);
    eventually(() -> phase(get(base + "/gone")), "DESTROYED"::equals);
    eventually(() -> phase(get(base + "/broken")), "FAILED"::equals);
    eventually(() -> phase(get(base + "/open")), "READY"::equals);

    workers.shutdownNow();
    workers.awaitTermination(30, TimeUnit.SECONDS);

    for (String name : List.of("gone", "broken")) {
      String expected = name.equals("gone") ? "DESTROYED" : "FAILED";
      HttpResponse<String> fetched = get(base + "/" + name);
      assertThat(fetched.statusCode()).as(name).isEqualTo(200);
      assertThat(read(fetched).get("phase").asString()).as(name).isEqualTo(expected);
      List<JsonNode> events = events(base + "/" + name + "/events");
      assertThat(events).as(name).isNotEmpty();
      assertThat(events.get(events.size() - 1).get("phase").asString())
          .as(name)
          .isEqualTo(expected);
      HttpResponse<String> deleted = delete(base + "/" + name);
      assertThat(deleted.statusCode()).as(name).isEqualTo(202);
      assertThat(read(deleted).get("phase").asString()).as(name).isEqualTo(expected);
    }
    assertThat(read(get(base + "/gone")).get("reason").asString()).contains("done");
    assertThat(read(get(base + "/broken")).get("reason").asString())
        .contains("no shared cluster named 'missing'");

    // Until the server notices the missing poller, the query times out (504); never a 500.
    HttpResponse<String> open =
        await()
            .atMost(NO_POLLER_NOTICED)
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> get(base + "/open"),
                response -> {
                  assertThat(response.statusCode()).isIn(503, 504);
                  return response.statusCode() == 503;
                });
    assertThat(open.headers().firstValue("Retry-After")).isPresent();
    assertThat(open.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(read(open).get("type").asString())
        .isEqualTo("urn:envforge:problem:worker-unavailable");
    assertThat(read(open).get("detail").asString()).contains("no worker");
    HttpResponse<String> openEvents = get(base + "/open/events");
    assertThat(openEvents.statusCode()).isEqualTo(503);
    assertThat(openEvents.headers().firstValue("Retry-After")).isPresent();
  }

  private String phase(HttpResponse<String> response) {
    return response.statusCode() == 200 ? read(response).get("phase").asString() : null;
  }

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

  private HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return http.send(
        authorised("/api/v1/environments")
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
