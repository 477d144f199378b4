package dev.envforge.starter.e2e;

import dev.envforge.testing.LocalPlatformExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Temporal UI as a person sees it, through {@code deploy/local/browser}: a real headless
 * chromium driven by playwright-core. {@link #install()} fetches what is missing once; {@link
 * #check} runs {@code ui-check.mjs} and reads the JSON line it prints.
 */
final class TemporalUiCheck {

  /** The first run installs chromium from Debian's packages and playwright-core from npm. */
  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(10);

  /** Each of the script's waits is bounded by its own timeout; this bounds the whole run. */
  private static final Duration CHECK_LIMIT = Duration.ofMinutes(3);

  /**
   * What the script reported, and its whole output for when the report is missing or says no.
   *
   * @param report the script's JSON line, or null when it printed none
   */
  record Result(int exitCode, JsonNode report, String output) {}

  private final Path tools =
      LocalPlatformExtension.repositoryRoot().resolve("deploy/local/browser");
  private final JsonMapper json = JsonMapper.builder().build();

  void install() throws InterruptedException {
    BoundedCommand.Outcome installed =
        BoundedCommand.run(
            List.of("bash", tools.resolve("install.sh").toString()),
            tools,
            Map.of(),
            INSTALL_LIMIT,
            Path.of("target", "browser-install.log").toAbsolutePath());
    if (installed.exitCode() != 0) {
      throw new IllegalStateException(
          "deploy/local/browser/install.sh failed ("
              + installed.exitCode()
              + "):\n"
              + installed.output());
    }
  }

  /**
   * Looks for the workflow in the UI's list filtered by {@code EnvTeam} and reads its summary.
   *
   * @param waitLimit how long the script waits for each thing to appear
   */
  Result check(
      String uiBaseUrl,
      String temporalNamespace,
      String team,
      String workflowId,
      Path screenshot,
      Duration waitLimit)
      throws InterruptedException {
    BoundedCommand.Outcome outcome =
        BoundedCommand.run(
            List.of(
                "node",
                tools.resolve("ui-check.mjs").toString(),
                uiBaseUrl,
                team,
                workflowId,
                screenshot.toAbsolutePath().toString(),
                temporalNamespace),
            tools,
            Map.of("UI_CHECK_TIMEOUT_MS", Long.toString(waitLimit.toMillis())),
            CHECK_LIMIT,
            logNextTo(screenshot));
    return new Result(outcome.exitCode(), lastJsonLine(outcome.output()), outcome.output());
  }

  private static Path logNextTo(Path screenshot) {
    String name = screenshot.getFileName().toString().replaceFirst("\\.png$", "");
    return screenshot.toAbsolutePath().resolveSibling(name + ".log");
  }

  private JsonNode lastJsonLine(String output) {
    List<String> lines = output.lines().filter(line -> line.startsWith("{")).toList();
    return lines.isEmpty() ? null : json.readTree(lines.get(lines.size() - 1));
  }
}
