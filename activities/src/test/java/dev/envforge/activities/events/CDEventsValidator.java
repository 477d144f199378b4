package dev.envforge.activities.events;

import dev.envforge.testing.LocalPlatformExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CDEvents project's own validation, as a command: {@code deploy/local/cdevents-validator},
 * built on the CDEvents Go SDK (which embeds the spec's JSON schemas) by {@code
 * deploy/local/build-tools.sh} and cached like the platform's other tools.
 */
public final class CDEventsValidator {

  /** A cold build downloads the SDK's modules and compiles them: well under a minute here. */
  private static final long BUILD_TIMEOUT_MINUTES = 15;

  private final Path binary;

  private CDEventsValidator(Path binary) {
    this.binary = binary;
  }

  /** What the validator said of the events, one line each, and whether all were valid. */
  public record Verdict(boolean allValid, List<String> lines) {}

  public static CDEventsValidator build() {
    Path script = LocalPlatformExtension.repositoryRoot().resolve("deploy/local/build-tools.sh");
    try {
      Process process =
          new ProcessBuilder("bash", script.toString(), "cdevents-validator")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("building the CDEvents validator failed");
      }
      List<String> lines = out.strip().lines().toList();
      return new CDEventsValidator(Path.of(lines.get(lines.size() - 1)));
    } catch (IOException e) {
      throw new IllegalStateException("could not build the CDEvents validator", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Validates each body (one structured CloudEvent each). */
  public Verdict validate(List<byte[]> events) {
    try {
      Path dir = Files.createTempDirectory("cdevents");
      List<String> command = new ArrayList<>(List.of(binary.toString()));
      for (int i = 0; i < events.size(); i++) {
        Path file = dir.resolve("event-" + i + ".json");
        Files.write(file, events.get(i));
        command.add(file.toString());
      }
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("the CDEvents validator did not answer");
      }
      return new Verdict(process.exitValue() == 0, out.strip().lines().toList());
    } catch (IOException e) {
      throw new IllegalStateException("could not run the CDEvents validator", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
