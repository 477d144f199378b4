package dev.envforge.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.request.EnvironmentRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A typed client of the envforge API. Every failure the API answers becomes an {@link ApiException}
 * of the kind of its status, carrying the problem detail; the token is sent as a bearer token and
 * never appears in a message.
 */
public final class EnvforgeClient {

  static final String ENVIRONMENTS = "/api/v1/environments";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

  private final URI server;
  private final String token;
  private final HttpClient http;
  private final ObjectMapper json;

  /**
   * @param server the API's base address, e.g. {@code http://127.0.0.1:8080}
   * @param token the bearer token; null to call without one
   */
  public EnvforgeClient(URI server, String token) {
    this(
        server,
        token,
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build());
  }

  public EnvforgeClient(URI server, String token, HttpClient http) {
    String base = server.toString();
    this.server = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.token = token;
    this.http = http;
    this.json = objectMapper();
  }

  /** The mapper this client reads and writes the API's JSON with. */
  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // Newer servers may add fields; an older client still reads what it knows.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  public URI server() {
    return server;
  }

  /** Starts an environment, or answers the live one if the same request is already running. */
  public Environment create(EnvironmentRequest request) {
    return send(post(ENVIRONMENTS, request), Environment.class);
  }

  public Environment get(String team, String name) {
    return send(request(path(team, name)).GET(), Environment.class);
  }

  /**
   * One page of environments, newest first.
   *
   * @param team, phase, pageSize, pageToken each may be null
   */
  public EnvironmentPage list(String team, String phase, Integer pageSize, String pageToken) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    addParameter(query, "team", team);
    addParameter(query, "phase", phase);
    addParameter(query, "pageSize", pageSize == null ? null : pageSize.toString());
    addParameter(query, "pageToken", pageToken);
    return send(request(ENVIRONMENTS + query).GET(), EnvironmentPage.class);
  }

  public Environment extend(String team, String name, ExtendRequest extend) {
    return send(post(path(team, name) + "/extend", extend), Environment.class);
  }

  /**
   * Lets an environment that awaits approval go on; the caller must approve for its team.
   *
   * @param reason may be null
   */
  public Environment approve(String team, String name, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (reason != null) {
      body.put("reason", reason);
    }
    return send(post(path(team, name) + "/approve", body), Environment.class);
  }

  /** Ends an environment that awaits approval as REJECTED; the reason is required. */
  public Environment reject(String team, String name, String reason) {
    return send(post(path(team, name) + "/reject", Map.of("reason", reason)), Environment.class);
  }

  /** Scales the environment's workloads to zero; asking again changes nothing. */
  public Environment sleep(String team, String name) {
    return send(post(path(team, name) + "/sleep", Map.of()), Environment.class);
  }

  /** Restores the replicas sleep recorded; asking again changes nothing. */
  public Environment wake(String team, String name) {
    return send(post(path(team, name) + "/wake", Map.of()), Environment.class);
  }

  /** Starts teardown; repeating it changes nothing. */
  public Environment delete(String team, String name, String reason) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    addParameter(query, "reason", reason);
    return send(request(path(team, name) + query).DELETE(), Environment.class);
  }

  /**
   * A kubeconfig for the environment's namespace.
   *
   * @param ttl how long it should hold; null for the server's default
   */
  public AccessGrant access(String team, String name, Duration ttl) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (ttl != null) {
      body.put("ttl", ttl.toString());
    }
    return send(post(path(team, name) + "/access", body), AccessGrant.class);
  }

  /** Revokes one grant: its kubeconfig stops working. */
  public void revokeAccess(String team, String name, String grantId) {
    send(request(path(team, name) + "/access/" + segment(grantId)).DELETE(), Void.class);
  }

  /**
   * Follows the environment's status events, reconnecting when the server ends a stream early,
   * until {@code done} holds for a status or {@code patience} runs out.
   *
   * @param onStatus called with every status, the first one included
   * @return the status that {@code done} accepted
   * @throws WaitTimedOutException when patience runs out first
   */
  public Environment follow(
      String team,
      String name,
      Predicate<Environment> done,
      Duration patience,
      Consumer<Environment> onStatus) {
    Instant deadline = Instant.now().plus(patience);
    Environment[] last = new Environment[1];
    ScheduledExecutorService alarm =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "envforge-follow-deadline");
              thread.setDaemon(true);
              return thread;
            });
    try {
      while (true) {
        Environment reached = followOnce(team, name, done, deadline, alarm, last, onStatus);
        if (reached != null) {
          return reached;
        }
        if (!Instant.now().plus(RECONNECT_PAUSE).isBefore(deadline)) {
          throw new WaitTimedOutException(
              "gave up waiting for " + team + "/" + name + " after " + describe(patience), last[0]);
        }
        sleep(RECONNECT_PAUSE);
      }
    } finally {
      alarm.shutdownNow();
    }
  }

  private Environment followOnce(
      String team,
      String name,
      Predicate<Environment> done,
      Instant deadline,
      ScheduledExecutorService alarm,
      Environment[] last,
      Consumer<Environment> onStatus) {
    HttpRequest request =
        request(path(team, name) + "/events").header("Accept", "text/event-stream").GET().build();
    HttpResponse<InputStream> response =
        exchange(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() >= 300) {
        throw ApiException.of(
            problem(
                response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8)));
      }
      // Reading blocks; closing the body at the deadline is what ends a quiet stream.
      long delay = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      var closer = alarm.schedule(() -> closeQuietly(body), delay, TimeUnit.MILLISECONDS);
      Environment[] reached = new Environment[1];
      try {
        ServerSentEvents.read(
            body,
            event -> {
              if (event.name().equals("error")) {
                throw new ServerUnreachableException(
                    "the status stream failed: " + readDetail(event.data()), null);
              }
              if (!event.name().equals("status")) {
                return true;
              }
              Environment status = read(event.data(), Environment.class);
              last[0] = status;
              onStatus.accept(status);
              if (done.test(status)) {
                reached[0] = status;
                return false;
              }
              return true;
            });
      } catch (IOException e) {
        if (Instant.now().isBefore(deadline)) {
          throw new ServerUnreachableException("the status stream broke: " + e.getMessage(), e);
        }
      } finally {
        closer.cancel(false);
      }
      return reached[0];
    } catch (IOException e) {
      throw new ServerUnreachableException("cannot read the status stream: " + e.getMessage(), e);
    }
  }

  private String readDetail(String data) {
    try {
      Object detail = json.readValue(data, Map.class).get("detail");
      return detail == null ? data : detail.toString();
    } catch (JsonProcessingException e) {
      return data;
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server + path))
            .timeout(CALL_TIMEOUT)
            .header("Accept", "application/json")
            .header("User-Agent", "envforge-client");
    if (token != null && !token.isBlank()) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private HttpRequest.Builder post(String path, Object body) {
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(write(body)));
  }

  private <T> T send(HttpRequest.Builder request, Class<T> type) {
    HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw ApiException.of(problem(response.statusCode(), response.body()));
    }
    if (type == Void.class || response.body() == null || response.body().isBlank()) {
      return null;
    }
    return read(response.body(), type);
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (ConnectException e) {
      throw new ServerUnreachableException("cannot reach the API at " + server, e);
    } catch (IOException e) {
      throw new ServerUnreachableException(
          "the API at " + server + " did not answer: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvforgeException("interrupted", e);
    }
  }

  /** A problem detail from an answer; an answer that is not one still yields its status. */
  Problem problem(int status, String body) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> members = json.readValue(body, Map.class);
      Map<String, Object> extra = new LinkedHashMap<>(members);
      Object type = extra.remove("type");
      Object title = extra.remove("title");
      extra.remove("status");
      Object detail = extra.remove("detail");
      extra.remove("instance");
      return new Problem(
          type == null ? null : type.toString(),
          title == null ? null : title.toString(),
          status,
          detail == null ? null : detail.toString(),
          extra);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      return new Problem(null, null, status, null, Map.of());
    }
  }

  private <T> T read(String body, Class<T> type) {
    try {
      return json.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new ServerUnreachableException(
          "the API's answer is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  private static String path(String team, String name) {
    return ENVIRONMENTS + "/" + segment(team) + "/" + segment(name);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void addParameter(StringJoiner query, String name, String value) {
    if (value != null && !value.isBlank()) {
      query.add(name + "=" + segment(value));
    }
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // Closing is how the wait ends; a failure to close changes nothing.
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvforgeException("interrupted", e);
    }
  }

  private static String describe(Duration duration) {
    return duration.toString().substring(2).toLowerCase();
  }
}
