package dev.envforge.starter.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kubectl}, run with one kubeconfig and nothing else: {@code KUBECONFIG} is removed
 * so that a developer's own configuration cannot make a refused call pass.
 */
final class Kubectl {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** What one call ended with: its exit code and its standard output and error together. */
  record Result(int exit, String output) {

    /** Refused by the API server: the token is unknown, expired, revoked or lacks the right. */
    boolean refused() {
      return exit != 0
          && (output.contains("Unauthorized")
              || output.contains("Forbidden")
              || output.contains("forbidden"));
    }
  }

  private Kubectl() {}

  static Result run(Path kubeconfig, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("KUBECONFIG");
    Process process = builder.start();
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not end");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
