package dev.envforge.operator;

import static org.awaitility.Awaitility.await;

import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged operator ({@code starter/operator/target/envforge-operator-*.jar}) in a JVM of its
 * own, configured only through the ENVFORGE_* variables a deployment sets, so that a test can kill
 * it like a crashed pod and start another. Its health endpoint says when it is watching.
 */
final class OperatorJvm implements AutoCloseable {

  private static final Duration STARTUP_PATIENCE = Duration.ofMinutes(2);

  private final Process process;
  private final Path log;
  private final int port;

  private OperatorJvm(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static OperatorJvm start(
      LocalPlatform platform,
      String taskQueue,
      String namespacePrefix,
      List<String> namespaces,
      Map<String, String> settings,
      Path log) {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(javaExecutable(), "-Xmx256m", "-jar", operatorJar().toString())
            .redirectErrorStream(true)
            // Each start appends, so the log of a killed operator survives its successor.
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.put("ENVFORGE_TEMPORAL_ADDRESS", platform.temporalAddress());
    env.put("ENVFORGE_TEMPORAL_NAMESPACE", platform.temporalNamespace());
    env.put("ENVFORGE_TEMPORAL_UI", platform.temporalUi());
    env.put("ENVFORGE_TASK_QUEUE", taskQueue);
    env.put("ENVFORGE_NAMESPACE_PREFIX", namespacePrefix);
    env.put("ENVFORGE_OPERATOR_KUBECONFIG", platform.kubeconfig().toString());
    env.put("ENVFORGE_OPERATOR_KUBE_CONTEXT", platform.kubeContext());
    env.put("ENVFORGE_OPERATOR_NAMESPACES", String.join(",", namespaces));
    env.put("ENVFORGE_OPERATOR_PORT", Integer.toString(port));
    // Refused resources are looked at again soon, so a test sees a namespace labelled since.
    env.put("ENVFORGE_OPERATOR_RESYNC_INTERVAL", "PT5S");
    env.putAll(settings);
    OperatorJvm operator;
    try {
      Files.writeString(
          log, "--- operator starting\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      operator = new OperatorJvm(builder.start(), log, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator JVM", e);
    }
    try {
      operator.awaitHealthy();
    } catch (RuntimeException e) {
      operator.kill();
      throw e;
    }
    return operator;
  }

  /** The health endpoint's answer now: status code and body. */
  HttpResponse<String> health() throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** SIGKILL: no shutdown hook runs, exactly like a node that died. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitHealthy() {
    await("the operator to be healthy on port " + port + "; see " + log)
        .atMost(STARTUP_PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "the operator exited with " + process.exitValue() + "; see " + log);
              }
              try {
                HttpResponse<String> response = health();
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  private static Path operatorJar() {
    Path target = LocalPlatformExtension.repositoryRoot().resolve("starter/operator/target");
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().matches("envforge-operator-[^/]*\\.jar"))
              .filter(p -> !p.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar"))
              .toList();
      if (jars.size() != 1) {
        throw new IllegalStateException(
            "expected one operator jar in " + target + ", found " + jars);
      }
      return jars.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("package the operator first: cannot list " + target, e);
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
