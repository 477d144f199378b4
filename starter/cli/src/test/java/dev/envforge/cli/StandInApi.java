package dev.envforge.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the envforge API on loopback: answers what a test tells it to, per method and
 * path, and remembers every request it got.
 */
final class StandInApi implements AutoCloseable {

  record Answer(int status, String contentType, List<String> chunks, long pauseMillis) {}

  record Received(String method, String path, String authorization, String body) {}

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<Received> received = new CopyOnWriteArrayList<>();

  StandInApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  StandInApi json(String method, String path, int status, String body) {
    answers.put(method + " " + path, new Answer(status, "application/json", List.of(body), 0));
    return this;
  }

  StandInApi problem(String method, String path, int status, String detail) {
    String body =
        "{\"type\":\"urn:envforge:problem:x\",\"title\":\"Title\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\"}";
    answers.put(
        method + " " + path, new Answer(status, "application/problem+json", List.of(body), 0));
    return this;
  }

  /** Server-sent status events, each after a pause, then the stream ends (or stays open). */
  StandInApi events(String path, List<String> statuses, long pauseMillis, boolean stayOpen) {
    List<String> chunks = new java.util.ArrayList<>();
    int id = 0;
    for (String status : statuses) {
      chunks.add("id:" + ++id + "\nevent:status\ndata:" + status + "\n\n");
    }
    if (stayOpen) {
      chunks.add(null);
    }
    answers.put("GET " + path, new Answer(200, "text/event-stream", chunks, pauseMillis));
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    Answer answer = answers.get(exchange.getRequestMethod() + " " + path);
    if (answer == null) {
      answer =
          new Answer(
              404,
              "application/problem+json",
              List.of(
                  "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no stand-in for "
                      + path
                      + "\"}"),
              0);
    }
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (String chunk : answer.chunks()) {
        if (chunk == null) {
          pause(60_000); // a stream that never settles, until the client gives up
          break;
        }
        pause(answer.pauseMillis());
        out.write(chunk.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // The client hung up, as a client that stops waiting does.
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
