package dev.envforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI's {@code --wait} display in a real pseudo-terminal ({@code script}) and in a
 * pipe, against a stand-in API: on the terminal the block is redrawn in place; in the pipe there is
 * no escape sequence at all.
 */
class TerminalDisplayIT {

  private static final String ENV = "/api/v1/environments/demo/web";

  @TempDir Path home;
  private StandInApi api;

  @BeforeEach
  void start() throws IOException {
    api = new StandInApi();
    api.json("POST", "/api/v1/environments", 202, Statuses.environment("PROVISIONING"))
        .events(
            ENV + "/events",
            List.of(
                Statuses.environment("PROVISIONING", "CLUSTER:RUNNING", "NAMESPACE:PENDING"),
                Statuses.environment("PROVISIONING", "CLUSTER:DONE", "NAMESPACE:RUNNING"),
                Statuses.environment("READY", "CLUSTER:DONE", "NAMESPACE:DONE")),
            700,
            false);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void givenATerminal_whenWaiting_itShouldRedrawTheStepsInPlace() throws Exception {
    String command = "java -jar " + jar() + " create demo/web --wait --timeout 1m";
    Output run = run(List.of("script", "-qec", command, "/dev/null"));

    assertThat(run.code()).as(run.text()).isZero();
    assertThat(run.text()).contains("CLUSTER").contains("NAMESPACE").contains("READY");
    // Redrawn in place: the cursor is moved back up over the block (CSI n A) or to a column.
    assertThat(run.text()).containsPattern("\u001b\\[\\d*[AFG]");
    // The first state of the block was overwritten, not followed by a second copy of the block.
    assertThat(countOf(run.text(), "demo/web")).isLessThan(3);
  }

  @Test
  void givenAPipe_whenWaiting_itShouldPrintPlainLines() throws Exception {
    Output run =
        run(
            List.of(
                "java",
                "-jar",
                jar().toString(),
                "create",
                "demo/web",
                "--wait",
                "--timeout",
                "1m"));

    assertThat(run.code()).as(run.text()).isZero();
    assertThat(run.text()).doesNotContain("\u001b");
    assertThat(run.text().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    assertThat(run.text())
        .containsPattern("CLUSTER +RUNNING")
        .containsPattern("CLUSTER +DONE")
        .containsPattern("NAMESPACE +DONE")
        .contains("demo/web  READY");
  }

  private record Output(int code, String text) {}

  private Output run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    builder.environment().put("ENVFORGE_SERVER", api.url());
    builder.environment().put("ENVFORGE_TOKEN", "t");
    builder.environment().put("ENVFORGE_CONFIG", home.resolve("config.json").toString());
    builder.environment().put("TERM", "xterm-256color");
    builder.environment().remove("NO_COLOR");
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Output(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static Path jar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(file -> file.getFileName().toString().matches("envforge-cli-.*-all\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("package the CLI first"))
          .toAbsolutePath();
    }
  }

  private static int countOf(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
