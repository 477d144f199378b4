package dev.envforge.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each image the build made starts: its layers unpacked into a directory, its entrypoint run as a
 * container runtime runs it (see {@link ContainerRun}), as the user its config names, which is not
 * root, and its health endpoints answer UP, readiness included, which means the application inside
 * reached the platform's Temporal.
 */
@ExtendWith(LocalPlatformExtension.class)
class ImagesStartIT {

  // A cold JVM on two shared cores starts Spring Boot in well under a minute; leave room.
  private static final Duration START_PATIENCE = Duration.ofMinutes(3);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @ParameterizedTest
  @EnumSource(EnvforgeImage.class)
  void
      givenABuiltImage_whenItsEntrypointRunsOnItsUnpackedLayers_itShouldAnswerHealthyAsItsNonRootUser(
          EnvforgeImage image, LocalPlatform platform) throws Exception {
    Path work = WorkDirectory.fresh(Path.of("target", "image-tests", image.name().toLowerCase()));
    long unpacking = System.nanoTime();
    ImageTarball tarball =
        ImageTarball.open(
            image.tarball(LocalPlatformExtension.repositoryRoot()), work.resolve("image"));
    Path root = RootFilesystem.unpack(tarball.layers(), work.resolve("rootfs"));
    Duration unpacked = Duration.ofNanos(System.nanoTime() - unpacking);
    ImageUser user = ImageUser.resolve(tarball.config().user(), root);

    assertThat(tarball.config().user()).as("the image config's user").isNotBlank();
    assertThat(user.uid()).as("the image's uid").isNotZero();
    assertThat(user.gid()).as("the image's gid").isNotZero();
    assertThat(tarball.config().command()).as("the image's command").isNotEmpty();

    int port = freePort();
    ContainerRun.Builder container =
        ContainerRun.of(root, tarball.config())
            .env(image.portVariable(), Integer.toString(port))
            .env("ENVFORGE_TEMPORAL_ADDRESS", platform.temporalAddress())
            .env("ENVFORGE_TEMPORAL_NAMESPACE", platform.temporalNamespace())
            // A queue of its own: a worker here must not take the platform's tasks.
            .env("ENVFORGE_TASK_QUEUE", "image-test-" + UUID.randomUUID());
    Path secrets = secretsFor(user, platform, work.resolve("secrets"));
    image.configure(container, platform, secrets);

    long starting = System.nanoTime();
    try (ContainerRun running = container.start(work.resolve(image.name() + ".log"))) {
      try {
        await(image + " healthy")
            .atMost(START_PATIENCE)
            .pollInterval(Duration.ofSeconds(1))
            .failFast(image + " exited", () -> !running.isAlive())
            .ignoreExceptionsInstanceOf(IOException.class)
            .untilAsserted(
                () -> {
                  assertThat(get(port, "/actuator/health/liveness")).contains("\"status\":\"UP\"");
                  assertThat(get(port, "/actuator/health/readiness")).contains("\"status\":\"UP\"");
                });
        System.out.printf(
            "%s image: %d layers unpacked in %.1f s, healthy %.1f s after its entrypoint started%n",
            image,
            tarball.layers().size(),
            unpacked.toMillis() / 1000.0,
            (System.nanoTime() - starting) / 1e9);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(e.getMessage() + "\nits output:\n" + running.logTail(40), e);
      }

      ProcessHandle entrypoint = running.entrypointProcess().orElseThrow();
      assertThat(entrypoint.info().command())
          .hasValueSatisfying(c -> assertThat(c).endsWith("java"));
      assertThat(ids(entrypoint, "Uid:")).as("the process's uids").containsOnly(user.uid());
      assertThat(ids(entrypoint, "Gid:")).as("the process's gids").containsOnly(user.gid());
      assertThat(Files.readSymbolicLink(Path.of("/proc", entrypoint.pid() + "", "root")))
          .as("the process's root")
          .isEqualTo(root.toRealPath());
    } finally {
      // The platform's credentials do not stay behind in target/, whatever happened.
      WorkDirectory.delete(secrets);
    }
    // Kept when the test fails, for a look at the image, its root and its output.
    WorkDirectory.delete(work);
  }

  /** Real, effective, saved and filesystem ids from the kernel's view of the process. */
  private static List<Integer> ids(ProcessHandle process, String field) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
        .filter(line -> line.startsWith(field))
        .flatMap(
            line -> java.util.Arrays.stream(line.substring(field.length()).trim().split("\\s+")))
        .map(Integer::valueOf)
        .toList();
  }

  /**
   * The kubeconfig and the Postgres password as a Secret volume would hold them: files of the
   * image's user, readable by it alone.
   */
  private static Path secretsFor(ImageUser user, LocalPlatform platform, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    Path kubeconfig =
        Files.writeString(directory.resolve("kubeconfig"), platform.kubeconfigContents());
    Path password =
        Files.writeString(directory.resolve("postgres-password"), platform.postgresPassword());
    for (Path path : List.of(directory, kubeconfig, password)) {
      Files.setAttribute(path, "unix:uid", user.uid());
      Files.setAttribute(path, "unix:gid", user.gid());
    }
    Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-x------"));
    return directory;
  }

  private String get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(200);
    return response.body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
