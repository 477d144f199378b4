package dev.envforge.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.testing.LocalPlatformExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's image, unpacked and run as a container runtime runs it (see {@link ContainerRun}), as
 * its non-root user: the {@code envforge} command is its entrypoint and on its PATH, and the Tekton
 * Task's script, handed to it as Tekton hands a step's script, runs in it and ends with the CLI's
 * exit code and one-line error when the API cannot be reached.
 */
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
    assertThat(step.image()).isEqualTo(tag);
  }

  @Test
  void givenAnApiThatRefusesConnections_whenTheTasksScriptRunsInTheImage_itShouldExitUnavailable()
      throws Exception {
    String token = "tok-" + UUID.randomUUID();
    String server = "http://127.0.0.1:" + closedPort();
    Map<String, String> params = required("create", server);
    TektonTaskStep step = TektonTaskStep.read(TASK, params, token);
    Path stepDir = Files.createDirectories(work.resolve("step"));
    Path scripts = Files.createDirectories(stepDir.resolve("scripts"));
    Path results = Files.createDirectories(stepDir.resolve("results"));
    Path script = Files.writeString(scripts.resolve("envforge-environment"), step.script());
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("r-xr-xr-x"));
    ownedByTheImagesUser(results);

    ContainerRun.Builder container =
        ContainerRun.of(root, tarball.config())
            .volume(scripts, "/tekton/scripts")
            .writableVolume(results, TektonTaskStep.RESULTS_DIRECTORY)
            // Tekton runs a step's script in place of the image's entrypoint.
            .command("/tekton/scripts/envforge-environment");
    step.environment().forEach(container::env);
    Run run = run(container, "task-step");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(8);
    List<String> errors =
        run.output().lines().filter(line -> line.startsWith("envforge: ")).toList();
    assertThat(errors).as(run.output()).hasSize(1);
    assertThat(errors.get(0)).contains("127.0.0.1");
    assertThat(run.output())
        .doesNotContain(token)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    String ref = params.get("team") + "/" + params.get("name");
    assertThat(Files.readString(results.resolve("environment"))).isEqualTo(ref);
    assertThat(Files.readString(results.resolve("namespace"))).isEmpty();
    assertThat(Files.readString(results.resolve("phase"))).isEqualTo("UNKNOWN");
    assertThat(run.output()).contains(ref + ": UNKNOWN");
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

  private void ownedByTheImagesUser(Path directory) throws IOException {
    Files.setAttribute(directory, "unix:uid", user.uid());
    Files.setAttribute(directory, "unix:gid", user.gid());
  }

  /** A loopback port nothing listens on: taken, then given back. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
