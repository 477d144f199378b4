package dev.envforge.testing;

import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged worker application ({@code worker/target/envforge-worker-*.jar}) in a JVM of its
 * own, configured only through the ENVFORGE_* variables a deployment would set. The reactor builds
 * the worker before the starter, so the jar is there when the starter's integration tests run.
 */
public final class WorkerJvm implements AutoCloseable {

  private static final Duration STARTUP_PATIENCE = Duration.ofMinutes(2);
  private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(30);

  private final Process process;
  private final Path log;

  private WorkerJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static WorkerJvm start(
      LocalPlatform platform, String taskQueue, String namespacePrefix, Path log) {
    return start(platform, taskQueue, namespacePrefix, log, Map.of());
  }

  /**
   * As {@link #start(LocalPlatform, String, String, Path)}, with more ENVFORGE_* settings; the
   * reaper is off unless they turn it on, so that no test's worker creates the shared schedule.
   */
  public static WorkerJvm start(
      LocalPlatform platform,
      String taskQueue,
      String namespacePrefix,
      Path log,
      Map<String, String> settings) {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(javaExecutable(), "-Xmx512m", "-jar", workerJar().toString())
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
    env.put("ENVFORGE_REAPER_ENABLED", "false");
    env.putAll(settings);
    WorkerJvm worker;
    try {
      worker = new WorkerJvm(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the worker JVM", e);
    }
    try {
      worker.awaitHealthy(port);
    } catch (RuntimeException e) {
      worker.close();
      throw e;
    }
    return worker;
  }

  /** SIGKILL: no shutdown hooks, no graceful stop, exactly like a crashed node. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(SHUTDOWN_PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  /** The worker's process id, for watching its memory. */
  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM first, so the worker stops polling and finishes its tasks as in a real rollout. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(SHUTDOWN_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(SHUTDOWN_PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitHealthy(int port) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    await("the worker to be healthy on port " + port + "; see " + log)
        .atMost(STARTUP_PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> healthy(http, health));
  }

  /** Whether the worker answers UP yet; a worker that exited ends the wait at once. */
  private boolean healthy(HttpClient http, HttpRequest health) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the worker exited with " + process.exitValue() + " while starting; see " + log);
    }
    try {
      HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (IOException stillStarting) {
      return false; // Not listening yet.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the worker started", e);
    }
  }

  private static Path workerJar() {
    Path target = LocalPlatformExtension.repositoryRoot().resolve("worker/target");
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().matches("envforge-worker-[^/]*\\.jar"))
              .filter(p -> !p.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar"))
              .toList();
      if (jars.size() != 1) {
        throw new IllegalStateException(
            "expected one worker jar in " + target + " (package the worker first), found " + jars);
      }
      return jars.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("package the worker first: cannot list " + target, e);
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
