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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's image, unpacked and run as a container runtime runs it (see {@link ContainerRun}), as
 * its non-root user: the {@code envforge} command is its entrypoint and on its PATH, and the Tekton
 * Task's script, handed to it as Tekton hands a step's script, runs in it and ends with the CLI's
 * exit code and one-line error when the API cannot be reached.
 */
@ExtendWith(LocalPlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliImageIT {

  private static final Path ROOT = LocalPlatformExtension.repositoryRoot();
  private static final Path TARBALL = ROOT.resolve("starter/cli/target/cli-image.tar");
  private static final Path TASK = ROOT.resolve("deploy/tekton/envforge-environment-task.yaml");
  // A JVM for one command on two shared cores: seconds, not minutes; leave room.
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private Path work;
  private ImageTarball tarball;
  private Path root;
  private ImageUser user;

  @BeforeAll
  void unpack() throws IOException {
    work = WorkDirectory.fresh(Path.of("target", "image-tests", "cli"));
    long unpacking = System.nanoTime();
    tarball = ImageTarball.open(TARBALL, work.resolve("image"));
    root = RootFilesystem.unpack(tarball.layers(), work.resolve("rootfs"));
    user = ImageUser.resolve(tarball.config().user(), root);
    System.out.printf(
        "cli image: %d layers unpacked in %.1f s%n",
        tarball.layers().size(), (System.nanoTime() - unpacking) / 1e9);
  }

  @AfterAll
  void removeTheUnpackedImage() throws IOException {
    WorkDirectory.delete(work);
  }

  @Test
  void givenTheCliImage_whenItsConfigIsRead_itShouldRunEnvforgeAsANonRootUserWithoutPorts() {
    assertThat(tarball.config().entrypoint()).containsExactly("/usr/local/bin/envforge");
    assertThat(tarball.config().cmd()).isEmpty();
    assertThat(tarball.config().exposedPorts()).isEmpty();
    assertThat(user.uid()).as("the image's uid").isNotZero();
    assertThat(user.gid()).as("the image's gid").isNotZero();
    assertThat(Files.isExecutable(root.resolve("usr/local/bin/envforge"))).isTrue();
  }

  @Test
  void givenTheCliImage_whenRunWithVersion_itShouldPrintThisBuildsVersionAndNothingElse()
      throws Exception {
    Run run = run(ContainerRun.of(root, tarball.config()).args("--version"), "version");
    assertThat(run.exitCode()).as(run.output()).isZero();
    // Nothing from the JVM (no "Picked up JAVA_TOOL_OPTIONS"): a script may read this line.
    assertThat(run.output().strip())
        .isEqualTo("envforge " + System.getProperty("envforge.version"));
  }

  @Test
  void givenTheCliImage_whenEnvforgeIsCalledByNameAsItsUser_itShouldBeFoundOnThePath()
      throws Exception {
    Path marker = Files.createDirectories(work.resolve("whoami"));
    ownedByTheImagesUser(marker);
    Run run =
        run(
            ContainerRun.of(root, tarball.config())
                .writableVolume(marker, "/out")
                .command("sh", "-c", "id -u > /out/uid; id -g > /out/gid; exec envforge --help"),
            "help");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("Usage: envforge").contains("Exit codes");
    assertThat(Files.readString(marker.resolve("uid")).strip()).isEqualTo("" + user.uid());
    assertThat(Files.readString(marker.resolve("gid")).strip()).isEqualTo("" + user.gid());
  }

  @Test
  void givenTheTektonTask_whenItsImageIsRead_itShouldBeTheImageThisBuildMakes() throws Exception {
    String tag =
        JsonMapper.builder()
            .build()
            .readTree(work.resolve("image/manifest.json").toFile())
            .get(0)
            .get("RepoTags")
            .get(0)
            .asString();
    TektonTaskStep step = TektonTaskStep.read(TASK, required("create", "http://unused"), "t");
    // Built with -Dimage.registry=…/envforge the tag carries the registry in front.
    assertThat(tag.equals(step.image()) || tag.endsWith("/" + step.image()))
        .as("the Task's image %s names the built %s", step.image(), tag)
        .isTrue();
  }

  @Test
  void givenAnApiThatRefusesConnections_whenTheTasksScriptRunsInTheImage_itShouldExitUnavailable()
      throws Exception {
    String token = "tok-" + UUID.randomUUID();
    Map<String, String> params = required("create", "http://127.0.0.1:" + closedPort());
    StepRun step = runTaskStep("refused", params, token);

    assertThat(step.exitCode()).as(step.output()).isEqualTo(8);
    List<String> errors =
        step.output().lines().filter(line -> line.startsWith("envforge: ")).toList();
    assertThat(errors).as(step.output()).hasSize(1);
    assertThat(errors.get(0)).contains("127.0.0.1");
    assertThat(step.output())
        .doesNotContain(token)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    String ref = params.get("team") + "/" + params.get("name");
    assertThat(step.results())
        .containsEntry("environment", ref)
        .containsEntry("namespace", "")
        .containsEntry("phase", "UNKNOWN");
    assertThat(step.output()).contains(ref + ": UNKNOWN");
  }

  /**
   * The API's own image runs next to it on loopback, with the platform's Temporal and one team
   * token: the step in the CLI's image authenticates, asks, and reads the API's answers.
   */
  @Test
  void givenTheApisImageRunning_whenTheTasksDeleteStepRunsInTheImage_itShouldTalkToTheRealApi(
      LocalPlatform platform) throws Exception {
    String team = required("delete", "").get("team");
    String token = "tok-" + UUID.randomUUID();
    Path apiWork = work.resolve("api");
    ImageTarball apiImage =
        ImageTarball.open(EnvforgeImage.STARTER.tarball(ROOT), apiWork.resolve("image"));
    Path apiRoot = RootFilesystem.unpack(apiImage.layers(), apiWork.resolve("rootfs"));
    Path secrets = tokensFor(team, token, apiWork.resolve("secrets"));
    int port = closedPort();
    ContainerRun.Builder api =
        ContainerRun.of(apiRoot, apiImage.config())
            .env(EnvforgeImage.STARTER.portVariable(), Integer.toString(port))
            .env("ENVFORGE_TEMPORAL_ADDRESS", platform.temporalAddress())
            .env("ENVFORGE_TEMPORAL_NAMESPACE", platform.temporalNamespace())
            .env("ENVFORGE_TASK_QUEUE", "cli-image-test-" + UUID.randomUUID())
            .env("ENVFORGE_API_TOKENS_FILE", "/etc/envforge/secrets/tokens.json")
            .volume(secrets, "/etc/envforge/secrets");
    long starting = System.nanoTime();
    try (ContainerRun running = api.start(apiWork.resolve("api.log"))) {
      awaitReady(running, port);
      System.out.printf(
          "cli image: the API's image ready after %.1f s%n", (System.nanoTime() - starting) / 1e9);
      Map<String, String> params = required("delete", "http://127.0.0.1:" + port);
      String ref = team + "/" + params.get("name");

      StepRun deleted = runTaskStep("delete", params, token);
      assertThat(deleted.exitCode()).as(deleted.output()).isZero();
      assertThat(deleted.output()).contains(ref + " does not exist: nothing to delete");
      assertThat(deleted.results())
          .containsEntry("environment", ref)
          .containsEntry("namespace", "")
          .containsEntry("phase", "DESTROYED");

      StepRun refused = runTaskStep("wrong-token", params, "tok-" + UUID.randomUUID());
      assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
      assertThat(refused.output().lines().filter(line -> line.startsWith("envforge: ")))
          .as(refused.output())
          .hasSize(1);
      assertThat(deleted.output() + refused.output()).doesNotContain(token);
    } finally {
      WorkDirectory.delete(secrets);
    }
  }

  /** What the Task's step ended with: exit code, output, and the results it wrote. */
  private record StepRun(int exitCode, String output, Map<String, String> results) {}

  /**
   * The Task's step in the CLI's image as Tekton runs it: the script, in a read-only volume, in
   * place of the entrypoint, the step's variables, and a writable results directory.
   */
  private StepRun runTaskStep(String name, Map<String, String> params, String token)
      throws Exception {
    TektonTaskStep step = TektonTaskStep.read(TASK, params, token);
    Path stepDir = Files.createDirectories(work.resolve("step-" + name));
    Path scripts = Files.createDirectories(stepDir.resolve("scripts"));
    Path results = Files.createDirectories(stepDir.resolve("results"));
    Path script = Files.writeString(scripts.resolve("envforge-environment"), step.script());
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("r-xr-xr-x"));
    ownedByTheImagesUser(results);
    ContainerRun.Builder container =
        ContainerRun.of(root, tarball.config())
            .volume(scripts, "/tekton/scripts")
            .writableVolume(results, TektonTaskStep.RESULTS_DIRECTORY)
            .command("/tekton/scripts/envforge-environment");
    step.environment().forEach(container::env);
    Run run = run(container, "step-" + name);
    Map<String, String> written = new LinkedHashMap<>();
    for (String result : step.resultNames()) {
      Path file = results.resolve(result);
      if (Files.exists(file)) {
        written.put(result, Files.readString(file));
      }
    }
    return new StepRun(run.exitCode(), run.output(), written);
  }

  private static void awaitReady(ContainerRun running, int port) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest readiness =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      await("the API's image ready")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .failFast("the API's image exited", () -> !running.isAlive())
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(
              () -> http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nits output:\n" + running.logTail(40), e);
    }
  }

  /**
   * The API's token file as a Secret volume holds it: the token's SHA-256 for one team, readable by
   * the image's user alone.
   */
  private Path tokensFor(String team, String token, Path directory) throws Exception {
    Files.createDirectories(directory);
    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
    Path tokens =
        Files.writeString(
            directory.resolve("tokens.json"),
            "[{\"name\":\"cli-image\",\"sha256\":\""
                + sha256
                + "\",\"teams\":[\""
                + team
                + "\"],\"admin\":false}]");
    for (Path path : List.of(directory, tokens)) {
      ownedByTheImagesUser(path);
    }
    Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-x------"));
    return directory;
  }

  private record Run(int exitCode, String output) {}

  private Run run(ContainerRun.Builder container, String name) throws Exception {
    long starting = System.nanoTime();
    try (ContainerRun running = container.start(work.resolve(name + ".log"))) {
      int exitCode = running.awaitExit(PATIENCE);
      System.out.printf(
          "cli image, %s: exit %d after %.1f s%n",
          name, exitCode, (System.nanoTime() - starting) / 1e9);
      return new Run(exitCode, running.output());
    }
  }

  private static Map<String, String> required(String command, String server) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("command", command);
    params.put("team", "team-cli-image");
    params.put("name", "ci-" + UUID.randomUUID().toString().substring(0, 8));
    params.put("server", server);
    params.put("timeout", "1m");
    return params;
  }

  private void ownedByTheImagesUser(Path path) throws IOException {
    Files.setAttribute(path, "unix:uid", user.uid());
    Files.setAttribute(path, "unix:gid", user.gid());
  }

  /** A loopback port nothing listens on: taken, then given back. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
