package dev.envforge.starter.e2e;

import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.request.EnvironmentRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's environments API over real HTTP, as a client sees it. Request bodies are the
 * workflow's own request records serialised, so the tests send exactly what the API reads.
 */
final class EnvironmentApi {

  private static final String BASE = "/api/v1/environments";
  private static final Duration CALL_PATIENCE = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final int port;
  private final String token;
  private final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());

  EnvironmentApi(int port, String token) {
    this.port = port;
    this.token = token;
  }

  HttpResponse<String> request(EnvironmentRequest request) {
    return send(post(BASE, json.writeValueAsString(request)));
  }

  HttpResponse<String> get(String team, String name) {
    return send(builder(path(team, name)).GET().build());
  }

  HttpResponse<String> extend(String team, String name, ExtendRequest extend) {
    return send(post(path(team, name) + "/extend", json.writeValueAsString(extend)));
  }

  HttpResponse<String> destroy(String team, String name, String reason) {
    String query = "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
    return send(builder(path(team, name) + query).DELETE().build());
  }

  /** POSTs to one of approve, reject, sleep and wake; {@code body} may be null. */
  HttpResponse<String> lifecycle(String team, String name, String verb, String body) {
    return send(post(path(team, name) + "/" + verb, body == null ? "{}" : body));
  }

  /** Every answer this client has had: status line, headers and body, oldest first. */
  /** Asks for a kubeconfig; {@code accept} picks JSON or YAML. */
  HttpResponse<String> access(String team, String name, String body, String accept) {
    return send(
        builder(path(team, name) + "/access")
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> revokeAccess(String team, String name, String grantId) {
    return send(builder(path(team, name) + "/access/" + grantId).DELETE().build());
  }

  List<String> transcript() {
    synchronized (transcript) {
      return List.copyOf(transcript);
    }
  }

  JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  /**
   * Follows the environment's server-sent events until the API ends the stream (at READY, FAILED or
   * DESTROYED, or at its own stream timeout) and returns the status of each event, oldest first.
   *
   * @throws AssertionError when the stream has not ended within the patience
   */
  List<JsonNode> follow(String team, String name, Duration patience) {
    HttpRequest request =
        builder(path(team, name) + "/events", patience)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    CompletableFuture<HttpResponse<String>> stream =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response;
    try {
      response = stream.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      stream.cancel(true);
      throw new AssertionError(
          "the events of " + team + "/" + name + " did not end within " + patience);
    } catch (ExecutionException e) {
      throw new IllegalStateException("following " + team + "/" + name + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    record(response);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "events of " + team + "/" + name + ": " + response.statusCode() + " " + response.body());
    }
    return statusEvents(response.body());
  }

  /** The data of the events named {@code status}; other events (comments, keep-alives) are not. */
  private List<JsonNode> statusEvents(String stream) {
    List<JsonNode> statuses = new ArrayList<>();
    String event = null;
    for (String line : stream.split("\r?\n")) {
      if (line.isEmpty()) {
        event = null;
      } else if (line.startsWith("event:")) {
        event = line.substring("event:".length()).strip();
      } else if (line.startsWith("data:") && "status".equals(event)) {
        statuses.add(json.readTree(line.substring("data:".length())));
      }
    }
    return statuses;
  }

  private HttpResponse<String> record(HttpResponse<String> response) {
    transcript.add(
        response.request().method()
            + " "
            + response.uri()
            + " -> "
            + response.statusCode()
            + " "
            + response.headers().map()
            + "\n"
            + response.body());
    return response;
  }

  private static String path(String team, String name) {
    return BASE + "/" + team + "/" + name;
  }

  private HttpRequest post(String path, String body) {
    return builder(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest.Builder builder(String path) {
    return builder(path, CALL_PATIENCE);
  }

  private HttpRequest.Builder builder(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return record(http.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
