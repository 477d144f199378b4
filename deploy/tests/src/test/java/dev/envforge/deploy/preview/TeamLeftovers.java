package dev.envforge.deploy.preview;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Deletes whatever the tests' team still has running, through the API, and waits until it is gone:
 * a failed test leaves no namespace or database behind.
 */
final class TeamLeftovers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private final PreviewStack.Stack stack;
  private final HttpClient http = HttpClient.newHttpClient();

  TeamLeftovers(PreviewStack.Stack stack) {
    this.stack = stack;
  }

  void remove() {
    List<String> open = openEnvironments();
    for (String name : open) {
      send("DELETE", "/" + stack.team() + "/" + name + "?reason=test%20leftover");
    }
    await("the leftovers " + open + " of " + stack.team() + " to be gone")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> open.stream().allMatch(this::gone));
  }

  private List<String> openEnvironments() {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String query = "?pageSize=100&team=" + stack.team();
      if (token != null) {
        query += "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      }
      JsonNode page = json(send("GET", query));
      page.path("items")
          .forEach(
              item -> {
                if (item.path("open").asBoolean()) {
                  names.add(item.path("name").asText());
                }
              });
      token = page.path("nextPageToken").isTextual() ? page.get("nextPageToken").asText() : null;
    } while (token != null);
    return names;
  }

  private boolean gone(String name) {
    HttpResponse<String> response = send("GET", "/" + stack.team() + "/" + name);
    if (response.statusCode() == 404) {
      return true;
    }
    String phase = json(response).path("phase").asText();
    return phase.equals("DESTROYED") || phase.equals("FAILED");
  }

  private HttpResponse<String> send(String method, String suffix) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.server() + "/api/v1/environments" + suffix))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + stack.token())
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("the API did not answer " + method + " " + suffix, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + response.body(), e);
    }
  }
}
