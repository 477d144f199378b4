package dev.envforge.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code kubectl} of the local platform (the one its script installs into its virtualenv),
 * run against the platform's kubeconfig only: {@code KUBECONFIG} is removed so that a developer's
 * own configuration plays no part.
 */
final class Kubectl {

  /** What one call ended with: its exit code and its standard output and error together. */
  record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  private final Path kubeconfig;
  private final String context;
  private final String executable;

  Kubectl(Path kubeconfig, String context) {
    this.kubeconfig = kubeconfig;
    this.context = context;
    this.executable = find();
  }

  /** Runs kubectl with the arguments and, if given, a manifest on its standard input. */
  Result run(String stdin, long timeoutSeconds, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(executable, "--kubeconfig", kubeconfig.toString()));
    if (context != null && !context.isBlank()) {
      command.addAll(List.of("--context", context));
    }
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("KUBECONFIG");
    Process process = builder.start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    if (!process.waitFor(timeoutSeconds + 15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not end");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  Result run(String... args) throws Exception {
    return run(null, 30, args);
  }

  Result apply(String manifest) throws Exception {
    return run(manifest, 30, "apply", "-f", "-");
  }

  /**
   * The platform's kubectl ({@code $ENVFORGE_CACHE/venv/*-kubectl-*}), else the one on the PATH.
   */
  private static String find() {
    String cache = System.getenv("ENVFORGE_CACHE");
    Path venvs =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "envforge", "venv")
            : Path.of(cache, "venv");
    if (Files.isDirectory(venvs)) {
      try (Stream<Path> dirs = Files.list(venvs)) {
        return dirs.filter(dir -> dir.getFileName().toString().contains("-kubectl-"))
            .map(dir -> dir.resolve("bin/kubectl"))
            .filter(Files::isExecutable)
            .sorted()
            .reduce((first, second) -> second)
            .map(Path::toString)
            .orElse("kubectl");
      } catch (IOException e) {
        return "kubectl";
      }
    }
    return "kubectl";
  }
}
