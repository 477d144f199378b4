package dev.envforge.deploy;

import dev.envforge.testing.LocalPlatformExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deployment tool (helm, the crossplane CLI) built from Go modules by {@code
 * deploy/local/build-tools.sh}, which caches it: only the first test run on a machine builds it.
 */
final class DeployTool {

  /** A cold build of helm takes about two minutes on two cores; crossplane's CLI longer. */
  private static final long BUILD_TIMEOUT_MINUTES = 30;

  private static final long RUN_TIMEOUT_MINUTES = 5;

  private final Path binary;

  private DeployTool(Path binary) {
    this.binary = binary;
  }

  /** Builds the tool if it is not cached yet. */
  static DeployTool build(String tool) {
    Path script = LocalPlatformExtension.repositoryRoot().resolve("deploy/local/build-tools.sh");
    Result result = run(List.of("bash", script.toString(), tool), BUILD_TIMEOUT_MINUTES);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("building " + tool + " failed:\n" + result.stderr());
    }
    List<String> lines = result.stdout().strip().lines().toList();
    Path binary = Path.of(lines.get(lines.size() - 1));
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(tool + " is not at " + binary);
    }
    return new DeployTool(binary);
  }

  Path binary() {
    return binary;
  }

  Result run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(arguments));
    return run(command, RUN_TIMEOUT_MINUTES);
  }

  /** What a command printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {

    /** The output of a command that must succeed. */
    String successfulOutput() {
      if (exitCode != 0) {
        throw new AssertionError("command failed with exit code " + exitCode + ":\n" + stderr);
      }
      return stdout;
    }
  }

  private static Result run(List<String> command, long timeoutMinutes) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      CompletableFuture<String> stdout = readAsync(process.getInputStream());
      CompletableFuture<String> stderr = readAsync(process.getErrorStream());
      if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish in time");
      }
      return new Result(process.exitValue(), stdout.join(), stderr.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
