package dev.envforge.deploy.preview;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged API ({@code starter/target/envforge-starter-*.jar}) in a JVM of its own, configured
 * only through the ENVFORGE_* variables a deployment sets: what the GitHub Action, the Tekton Task
 * and the Backstage template talk to. The reactor packages the starter before this module.
 */
final class ApiJvm implements AutoCloseable {

  private static final Duration STARTUP_PATIENCE = Duration.ofMinutes(2);

  private final Process process;
  private final URI address;
  private final Path log;

  private ApiJvm(Process process, URI address, Path log) {
    this.process = process;
    this.address = address;
    this.log = log;
  }

  static ApiJvm start(
      LocalPlatform platform,
      String taskQueue,
      String namespacePrefix,
      Path tokensFile,
      Path log,
      Map<String, String> settings) {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(javaExecutable(), "-Xmx384m", "-jar", starterJar().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("ENVFORGE_TEMPORAL_ADDRESS", platform.temporalAddress());
    env.put("ENVFORGE_TEMPORAL_NAMESPACE", platform.temporalNamespace());
    env.put("ENVFORGE_TEMPORAL_UI", platform.temporalUi());
    env.put("ENVFORGE_TASK_QUEUE", taskQueue);
    env.put("ENVFORGE_NAMESPACE_PREFIX", namespacePrefix);
    env.put("ENVFORGE_STARTER_PORT", Integer.toString(port));
    env.put("ENVFORGE_API_TOKENS_FILE", tokensFile.toString());
    env.putAll(settings);
    ApiJvm api;
    try {
      api = new ApiJvm(builder.start(), URI.create("http://127.0.0.1:" + port), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the API JVM", e);
    }
    try {
      api.awaitReady();
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    return api;
  }

  /** Where the API listens, e.g. {@code http://127.0.0.1:41234}. */
  URI address() {
    return address;
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest readiness =
        HttpRequest.newBuilder(address.resolve("/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
    await("the API to be ready at " + address + "; see " + log)
        .atMost(STARTUP_PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "the API exited with " + process.exitValue() + " while starting; see " + log);
              }
              try {
                return http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode()
                    == 200;
              } catch (IOException stillStarting) {
                return false;
              }
            });
  }

  private static Path starterJar() {
    Path target = LocalPlatformExtension.repositoryRoot().resolve("starter/target");
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().matches("envforge-starter-[^/]*\\.jar"))
              .filter(p -> !p.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar"))
              .toList();
      if (jars.size() != 1) {
        throw new IllegalStateException(
            "expected one starter jar in "
                + target
                + " (package the starter first), found "
                + jars);
      }
      return jars.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("package the starter first: cannot list " + target, e);
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
