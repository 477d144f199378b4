package dev.envforge.deploy.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.testing.LocalPlatformExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs JavaScript tests with Node's own test runner ({@code node --test}) and requires every one of
 * them to have run and passed: a test skipped for want of the API counts as a failure here.
 */
final class NodeTests {

  private static final Path ROOT = LocalPlatformExtension.repositoryRoot();

  private NodeTests() {}

  /** Node.js 20 or newer, and the folder's locked npm packages when it has a lockfile. */
  static Path prepare(String packageFolder) {
    List<String> arguments = new ArrayList<>(List.of("bash", "deploy/local/node-packages.sh"));
    if (packageFolder != null) {
      arguments.add(packageFolder);
    }
    Command.Result result =
        Command.of(ROOT, arguments.toArray(String[]::new)).run(Duration.ofMinutes(10));
    assertThat(result.exitCode()).as(result.transcript()).isZero();
    return packageFolder == null ? null : Path.of(result.stdout().strip());
  }

  /**
   * Runs the test files under {@code folder} with the variables; the TAP report goes to target/.
   */
  static void runAll(String folder, Map<String, String> environment, String report) {
    List<String> command =
        new ArrayList<>(List.of("node", "--test", "--test-reporter=tap", "--test-concurrency=1"));
    // The test files by name: given a folder, Node 20 would also run its helpers as tests.
    try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
      files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".test.js"))
          .sorted()
          .forEach(name -> command.add(folder + name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Command.Result result = new Command(command, ROOT, environment).run(Duration.ofMinutes(15));
    try {
      Files.writeString(Path.of("target", report), result.transcript());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(result.exitCode()).as(result.transcript()).isZero();
    assertThat(result.stdout()).as("every test ran").doesNotContain("# SKIP").contains("# pass ");
    assertThat(result.stdout()).as("no test failed").contains("# fail 0");
  }
}
