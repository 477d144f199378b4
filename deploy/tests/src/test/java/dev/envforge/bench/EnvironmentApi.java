package dev.envforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three calls of the environments API the benchmark makes. A connection failure is answered
 * like a 503, since the API may be restarting and every caller retries those anyway.
 */
final class EnvironmentApi {

  /** Above the starter's own query (10 s) and update (20 s) timeouts, so those answer first. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * One answer of the API.
   *
   * @param status the HTTP status, or 0 when no answer came
   * @param body the JSON body, or {@code null}
   * @param error what went wrong when no answer came
   */
  record Answer(int status, JsonNode body, Duration retryAfter, String error) {

    /** Worth retrying after {@link #retryAfter}: no answer, Temporal away, or a rate limit. */
    boolean unavailable() {
      return status == 0 || status == 503 || status == 504 || rateLimited();
    }

    /** The caller's rate limit, not the team's environment limit (which is final). */
    boolean rateLimited() {
      return status == 429
          && body != null
          && body.path("type").asText("").endsWith(":rate-limited");
    }

    String phase() {
      return body == null ? "" : body.path("phase").asText("");
    }

    /** Why a request was refused, from the problem details, or the transport error. */
    String problem() {
      if (status == 0) {
        return error;
      }
      String detail = body == null ? "" : body.path("detail").asText(body.path("title").asText(""));
      return "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
    }
  }

  /** The collection itself, for POST; the API has no route with a trailing slash. */
  private final URI collection;

  /** The collection with a trailing slash, to resolve environments' paths against. */
  private final URI base;

  private final HttpClient http;
  private final String authorization;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong posts = new AtomicLong();
  private final AtomicLong gets = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();

  /**
   * @param token the API token to send as a bearer token
   */
  EnvironmentApi(URI base, String token) {
    this.authorization = "Bearer " + token;
    this.collection = URI.create(base.toString().replaceAll("/+$", ""));
    this.base = URI.create(collection + "/");
    // HTTP/1.1: the starter speaks nothing else, and an h2c upgrade attempt per request is waste.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Requests a small environment on a shared cluster with a direct Postgres database. */
  Answer request(String team, String name, String cluster, String ttl) {
    posts.incrementAndGet();
    ObjectNode body = json.createObjectNode();
    body.put("team", team).put("name", name).put("profile", "small").put("ttl", ttl);
    body.putObject("cluster").put("mode", "shared").put("name", cluster);
    body.putObject("database").put("kind", "postgres").put("driver", "direct");
    return send(
        HttpRequest.newBuilder(collection)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  Answer get(String team, String name) {
    gets.incrementAndGet();
    return send(HttpRequest.newBuilder(environment(team, name, "")).GET());
  }

  Answer destroy(String team, String name, String reason) {
    deletes.incrementAndGet();
    String query = "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(environment(team, name, query)).DELETE());
  }

  long posts() {
    return posts.get();
  }

  long gets() {
    return gets.get();
  }

  long deletes() {
    return deletes.get();
  }

  private URI environment(String team, String name, String query) {
    return base.resolve(team + "/" + name + query);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request
                  .timeout(REQUEST_TIMEOUT)
                  .header("Accept", "application/json")
                  .header("Authorization", authorization)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()), retryAfter(response), null);
    } catch (IOException e) {
      return new Answer(0, null, Duration.ofSeconds(1), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, null, Duration.ZERO, "interrupted");
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            seconds -> {
              try {
                return Duration.ofSeconds(Long.parseLong(seconds.strip()));
              } catch (NumberFormatException e) {
                return Duration.ofSeconds(1);
              }
            })
        .orElse(Duration.ofSeconds(1));
  }
}
