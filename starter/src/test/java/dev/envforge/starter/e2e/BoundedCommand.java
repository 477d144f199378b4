package dev.envforge.starter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end or kills it at its deadline. Output goes to a log file rather than a
 * pipe, so a chatty command can never block on a full pipe while nobody reads it.
 */
final class BoundedCommand {

  /** How a command ended; {@code output} is stdout and stderr together. */
  record Outcome(int exitCode, String output) {}

  private BoundedCommand() {}

  static Outcome run(
      List<String> command,
      Path workingDirectory,
      Map<String, String> env,
      Duration limit,
      Path log)
      throws InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(command + " did not finish within " + limit + "; see " + log);
    }
    try {
      return new Outcome(process.exitValue(), Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }
}
