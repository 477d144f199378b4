package dev.envforge.worker;

import dev.envforge.testing.LocalPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The packaged worker application as a separate JVM, which a test can start and SIGKILL. */
final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private WorkerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static WorkerProcess start(
      LocalPlatform platform, String taskQueue, String namespacePrefix, String logName) {
    int port = freePort();
    Path log = Path.of("target", logName + ".log").toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder("java", "-Xmx512m", "-jar", workerJar().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("ENVFORGE_TEMPORAL_ADDRESS", platform.temporalAddress());
    env.put("ENVFORGE_TEMPORAL_NAMESPACE", platform.temporalNamespace());
    env.put("ENVFORGE_TASK_QUEUE", taskQueue);
    env.put("ENVFORGE_NAMESPACE_PREFIX", namespacePrefix);
    env.put("ENVFORGE_KUBECONFIG", platform.kubeconfig().toString());
    env.put("ENVFORGE_KUBE_CONTEXT", platform.kubeContext());
    env.put("ENVFORGE_POSTGRES_URL", platform.postgresUrl());
    env.put("ENVFORGE_POSTGRES_USER", platform.postgresUser());
    env.put("ENVFORGE_POSTGRES_PASSWORD_FILE", platform.postgresPasswordFile().toString());
    env.put("ENVFORGE_WORKER_PORT", Integer.toString(port));
    try {
      WorkerProcess worker = new WorkerProcess(builder.start(), port, log);
      worker.awaitHealthy(Duration.ofSeconds(120));
      return worker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hooks, no graceful worker stop, exactly like a crashed node. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private void awaitHealthy(Duration patience) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the worker exited early; see " + log);
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(500);
    }
    throw new IllegalStateException("the worker did not become healthy; see " + log);
  }

  private static Path workerJar() {
    try (Stream<Path> jars = Files.list(Path.of("target"))) {
      return jars.filter(p -> p.getFileName().toString().matches("envforge-worker-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("package the worker first"))
          .toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
