package dev.envforge.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.starter.security.StaticApiTokens;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Property-based fuzzing of the API from its own OpenAPI document with schemathesis: the started
 * API on the real Temporal dev server must answer every generated request, valid or not, without a
 * 5xx and as its document says (status codes, content types, headers, bodies). The caller acts for
 * a team of its own only, so nothing the fuzzer names can touch anyone else's environments.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // The fuzzer sends thousands of changes; the limiter has its own tests.
      "envforge.security.rate-limit.capacity=1000000",
      "envforge.update-timeout=PT5S",
      "envforge.query-timeout=PT5S",
      // Schema-valid must mean accepted: the policy's limits are the deployment's choice, which
      // the document names but cannot state, so the fuzzed API runs with the widest policy.
      "envforge.ttl.keep-allowed=true",
      "envforge.ttl.max=P36500D"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzIT {

  private static final String TEAM = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String TOKEN = "fuzz-token-" + UUID.randomUUID();
  private static final String TASK_QUEUE = "fuzz-" + UUID.randomUUID();

  /**
   * Examples per operation and phase: with every phase (examples, coverage, fuzzing, stateful
   * links) this comes to well over a thousand cases, bounded in time. Override with
   * -Dfuzz.max-examples for a longer run by hand.
   */
  private static final int MAX_EXAMPLES = Integer.getInteger("fuzz.max-examples", 60);

  /** Schemathesis stops generating after this; the run then finishes its last cases. */
  private static final Duration FUZZ_TIME =
      Duration.ofSeconds(Long.getLong("fuzz.max-seconds", 300));

  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(10);
  private static final Duration RUN_LIMIT = FUZZ_TIME.plus(Duration.ofMinutes(5));

  @LocalServerPort int port;
  @Autowired WorkflowClient client;

  @DynamicPropertySource
  static void platform(DynamicPropertyRegistry registry) {
    LocalPlatform platform = LocalPlatformExtension.platform();
    registry.add("spring.temporal.connection.target", platform::temporalAddress);
    registry.add("spring.temporal.namespace", platform::temporalNamespace);
    registry.add("envforge.task-queue", () -> TASK_QUEUE);
    registry.add("envforge.security.tokens[0].name", () -> "fuzzer");
    registry.add("envforge.security.tokens[0].sha256", () -> StaticApiTokens.sha256Hex(TOKEN));
    registry.add("envforge.security.tokens[0].teams", () -> TEAM);
  }

  @AfterAll
  void cleanUp() {
    new TemporalRuns(client).terminateOpenRunsOf(TEAM, "fuzz test cleanup");
  }

  @Test
  void givenTheApisOwnDocument_whenFuzzed_itShouldAnswerNo5xxAndNothingTheDocumentDoesNotSay()
      throws Exception {
    Path root = LocalPlatformExtension.repositoryRoot();
    Path target = Path.of("target").toAbsolutePath();
    BoundedCommand.Outcome installed =
        BoundedCommand.run(
            List.of("bash", root.resolve("deploy/local/fuzz/install.sh").toString()),
            root,
            Map.of(),
            INSTALL_LIMIT,
            target.resolve("schemathesis-install.log"));
    assertThat(installed.exitCode()).as(installed.output()).isZero();
    List<String> lines = installed.output().lines().toList();
    Path bin = Path.of(lines.get(lines.size() - 1).strip());
    Path junit = target.resolve("schemathesis-junit.xml");
    Files.deleteIfExists(junit);

    BoundedCommand.Outcome run =
        BoundedCommand.run(
            List.of(
                bin.resolve("st").toString(),
                "--config-file",
                root.resolve("starter/src/test/resources/fuzz/schemathesis.toml").toString(),
                "run",
                "http://127.0.0.1:" + port + "/v3/api-docs",
                "--header",
                "Authorization: Bearer " + TOKEN,
                // Every check runs, as it does unless the command line names some; naming them
                // (--checks all) would also override the configuration's one exception.
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--max-examples",
                Integer.toString(MAX_EXAMPLES),
                "--seed",
                "20261124",
                // One worker: schemathesis' generator describes its strategies by parsing Python
                // source, which CPython does not do safely from two threads at once (an "AST
                // constructor recursion depth mismatch" error, not a finding). The budget is
                // time, so this costs cases per minute, not checks.
                "--workers",
                "1",
                "--request-timeout",
                "30",
                "--max-time",
                Long.toString(FUZZ_TIME.toSeconds()),
                "--report",
                "junit",
                "--report-junit-path",
                junit.toString()),
            target,
            Map.of("SCHEMATHESIS_TELEMETRY", "false", "NO_COLOR", "1"),
            RUN_LIMIT,
            target.resolve("schemathesis.log"));

    assertThat(run.output()).as("schemathesis ran the operations").contains("/api/v1/environments");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(junit).isNotEmptyFile();
    assertThat(Files.readString(junit)).doesNotContain("<failure").doesNotContain("<error");
  }
}
