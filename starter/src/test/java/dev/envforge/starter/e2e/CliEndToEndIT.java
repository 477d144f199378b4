package dev.envforge.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.cli.Cli;
import dev.envforge.cli.CliContext;
import dev.envforge.cli.ExitCodes;
import dev.envforge.starter.security.TestTokens;
import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.request.EnvironmentNaming;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code envforge} command line as a developer uses it, against the real API, the packaged
 * worker, the Temporal dev server and the local platform: it runs in this JVM exactly as its
 * launcher runs it, with its own streams, a pipe (not a terminal), and a home directory of its own
 * for its login and kubeconfigs.
 */
class CliEndToEndIT extends RealPlatformTestBase {

  private static final String NAME = "cli";
  private static final Pattern GRANT = Pattern.compile("grant (\\S+) expires at (\\S+);");

  @LocalServerPort private int port;
  @TempDir Path home;

  private final JsonMapper json = JsonMapper.builder().build();
  private final List<Ran> transcript = new ArrayList<>();
  private Path config;

  /** One run of the command: its arguments, exit code and what it printed on each stream. */
  record Ran(List<String> args, int exit, String out, String err) {
    String both() {
      return out + err;
    }
  }

  @BeforeEach
  void logIn() throws Exception {
    config = home.resolve("config").resolve("envforge.json");
    Ran login =
        envforgeWithInput(
            TestTokens.ADMIN + "\n",
            "login",
            "--server",
            "http://127.0.0.1:" + port,
            "--token-stdin");
    assertThat(login.exit()).as(login.both()).isZero();
    assertThat(Files.getPosixFilePermissions(config))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void givenTheRealStack_whenADeveloperRunsTheWholeLoop_itShouldSucceedAndPrintNoSecret()
      throws Exception {
    String team = newTeam("cli");
    String ref = team + "/" + NAME;
    String namespace = namespaceOf(team, NAME);

    Ran created =
        envforge(
            "create",
            ref,
            "--cluster",
            "local",
            "--database",
            "postgres",
            "--ttl",
            "2h",
            "--wait",
            "--timeout",
            "3m");
    assertThat(created.exit()).as(created.both()).isEqualTo(ExitCodes.OK);
    assertThat(created.out()).as("the progress, one line per step").contains(ref + "  READY");
    for (Step step : Step.values()) {
      // Argo CD registration is not configured for this worker; no capabilities were asked for.
      String status = step == Step.ARGOCD || step == Step.CAPABILITIES ? "SKIPPED" : "DONE";
      assertThat(created.out()).containsPattern("(?m)^  " + step + " +" + status);
    }
    assertThat(created.both()).as("no control characters in a pipe").doesNotContain("\u001b");

    Ran got = envforge("get", ref, "-o", "json");
    assertThat(got.exit()).as(got.both()).isZero();
    JsonNode environment = json.readTree(got.out());
    assertThat(environment.get("phase").asString()).isEqualTo("READY");
    assertThat(environment.get("request").get("team").asString()).isEqualTo(team);
    String password =
        DatabaseLogin.from(cluster.secret(namespace, EnvironmentNaming.CONNECTION_SECRET_NAME))
            .password();

    // A kubeconfig from the real access endpoint, for a human duration, used by the real kubectl.
    Path kubeconfig = home.resolve("kube").resolve(NAME + ".kubeconfig");
    Ran granted = envforge("kubeconfig", ref, "--ttl", "1h", "--output", kubeconfig.toString());
    assertThat(granted.exit()).as(granted.both()).isZero();
    assertThat(Files.getPosixFilePermissions(kubeconfig))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Matcher grant = GRANT.matcher(granted.err());
    assertThat(grant.find()).as(granted.err()).isTrue();
    String grantId = grant.group(1);
    assertThat(granted.err()).contains("namespace " + namespace);
    assertThat(Instant.parse(grant.group(2)))
        .isBetween(
            Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofHours(1)));
    String token = tokenOf(Files.readString(kubeconfig));
    Kubectl.Result inside = Kubectl.run(kubeconfig, "get", "configmaps", "-n", namespace);
    assertThat(inside.exit()).as(inside.output()).isZero();

    Ran revoked = envforge("kubeconfig", ref, "--revoke", grantId);
    assertThat(revoked.exit()).as(revoked.both()).isZero();
    await("the revoked kubeconfig to be refused")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> Kubectl.run(kubeconfig, "get", "configmaps", "-n", namespace).refused());

    Ran deleted = envforge("delete", ref, "--wait", "--timeout", "3m");
    assertThat(deleted.exit()).as(deleted.both()).isEqualTo(ExitCodes.OK);
    assertThat(deleted.out()).contains(ref + "  DESTROYED");
    assertThat(cluster.namespace(namespace)).as("the namespace once delete --wait ends").isNull();

    // Nothing secret anywhere the command wrote, but the one token in each 0600 file.
    String saved = Files.readString(config);
    assertThat(saved).contains(TestTokens.ADMIN);
    for (Ran ran : transcript) {
      for (String secret : List.of(TestTokens.ADMIN, token, password)) {
        assertThat(hits(secret, ran.both()))
            .as("a secret in the output of " + ran.args())
            .isEmpty();
      }
    }
    assertThat(hits(token, saved)).as("the kubeconfig's token in the login").isEmpty();
    assertThat(hits(password, saved)).as("the database password in the login").isEmpty();
  }

  @Test
  void givenARequestThatFailsForGood_whenCreatedWithWait_itShouldExitFailedWithTheReason()
      throws Exception {
    String team = newTeam("cli-fail");
    String ref = team + "/" + NAME;
    String database = EnvironmentNaming.postgresName(namespaceOf(team, NAME));
    // Another environment's database under this one's name: DATABASE refuses it for good.
    postgres.createForeignDatabase(
        database, database + "_other", "envforge:environment=someone-else");

    Ran created =
        envforge(
            "create",
            ref,
            "--cluster",
            "local",
            "--database",
            "postgres",
            "--wait",
            "--timeout",
            "3m");

    assertThat(created.exit()).as(created.both()).isEqualTo(ExitCodes.FAILED);
    List<String> errorLines = created.err().lines().toList();
    assertThat(errorLines).as("one line on standard error").hasSize(1);
    assertThat(errorLines.get(0))
        .contains(ref + " FAILED")
        .contains("DATABASE_CONFLICT")
        .doesNotContain("Exception");
    assertThat(created.out()).containsPattern("(?m)^  DATABASE +COMPENSATED");
  }

  private Ran envforge(String... args) {
    return envforgeWithInput("", args);
  }

  /** Runs {@code envforge args} with {@code input} on its standard input. */
  private Ran envforgeWithInput(String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> environment =
        Map.of(
            "HOME", home.toString(),
            "ENVFORGE_CONFIG", config.toString(),
            "KUBECONFIG", home.resolve("kube").resolve("config").toString());
    CliContext context =
        new CliContext(
            environment,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            false,
            Clock.systemUTC(),
            () -> null);
    int exit = new Cli(context).execute(args);
    Ran ran = new Ran(List.of(args), exit, out.toString(), err.toString());
    transcript.add(ran);
    return ran;
  }

  /** Where a secret shows, as is or base64-encoded; says where, never what. */
  private static List<String> hits(String secret, String text) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    List<String> forms =
        List.of(
            secret,
            Base64.getEncoder().encodeToString(bytes),
            Base64.getUrlEncoder().encodeToString(bytes));
    List<String> found = new ArrayList<>();
    for (String form : forms) {
      int at = text.indexOf(form);
      if (at >= 0) {
        found.add("form " + forms.indexOf(form) + " at offset " + at);
      }
    }
    return found;
  }

  private static String tokenOf(String kubeconfig) {
    return kubeconfig
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith("token:"))
        .map(line -> line.substring("token:".length()).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no token in the kubeconfig"));
  }
}
