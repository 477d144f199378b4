package dev.envforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end against a stand-in API on loopback: output, exit codes, error lines. */
class CliTest {

  private static final String TOKEN = "tok-0123456789abcdef";
  private static final String ENV = "/api/v1/environments/demo/web";

  @TempDir Path home;
  private StandInApi api;
  private final Map<String, String> environment = new HashMap<>();

  record Run(int code, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    api = new StandInApi();
    environment.put("HOME", home.toString());
    environment.put("ENVFORGE_CONFIG", home.resolve("config.json").toString());
    environment.put("ENVFORGE_SERVER", api.url());
    environment.put("ENVFORGE_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Run run(String... args) {
    return runWithInput("", args);
  }

  private Run runWithInput(String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            environment,
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            false,
            Clock.fixed(Instant.parse("2030-01-01T00:10:00Z"), ZoneOffset.UTC),
            () -> null);
    int code = new Cli(context).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void givenAnEnvironment_whenGotAsJson_itShouldParseAndCarryTheToken() throws Exception {
    api.json("GET", ENV, 200, Statuses.environment("READY", "CLUSTER:DONE"));

    Run run = run("get", "demo/web", "-o", "json");

    assertThat(run.code()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("phase").asText()).isEqualTo("READY");
    assertThat(json.get("steps").get(0).get("step").asText()).isEqualTo("CLUSTER");
    assertThat(api.received.get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(run.out() + run.err()).doesNotContain(TOKEN);
  }

  @Test
  void givenAnEnvironment_whenGotAsYamlNameOrTable_itShouldPrintEach() throws Exception {
    api.json("GET", ENV, 200, Statuses.environment("READY", "CLUSTER:DONE", "DATABASE:DONE"));

    JsonNode yaml = new YAMLMapper().readTree(run("get", "demo/web", "-o", "yaml").out());
    assertThat(yaml.get("namespace").asText()).isEqualTo("demo-web");
    assertThat(run("get", "demo/web", "-o", "name").out()).isEqualTo("demo/web\n");
    String table = run("get", "demo/web").out();
    assertThat(table)
        .contains("PHASE        READY")
        .contains("EXPIRES      2030-01-01T08:00:00Z (in 7h50m)")
        .containsPattern("CLUSTER +DONE +1.5s +1");
  }

  @Test
  void givenAList_whenListedByName_itShouldPrintOneRefALine() {
    api.json(
        "GET",
        "/api/v1/environments",
        200,
        "{\"items\":[{\"team\":\"demo\",\"name\":\"a\",\"phase\":\"READY\",\"open\":true},"
            + "{\"team\":\"demo\",\"name\":\"b\",\"phase\":\"FAILED\",\"open\":false}],"
            + "\"nextPageToken\":null}");

    Run run = run("list", "--team", "demo", "--phase", "ready", "-o", "name");

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("demo/a\ndemo/b\n");
    assertThat(api.received.get(0).path()).contains("team=demo").contains("phase=READY");
  }

  @Test
  void givenARequest_whenCreatedWithWaitInAPipe_itShouldPrintEveryStepPlainlyAndExitZero()
      throws Exception {
    api.json("POST", "/api/v1/environments", 202, Statuses.environment("PROVISIONING"))
        .events(
            ENV + "/events",
            List.of(
                Statuses.environment("PROVISIONING", "CLUSTER:RUNNING"),
                Statuses.environment("PROVISIONING", "CLUSTER:DONE", "NAMESPACE:RUNNING"),
                Statuses.environment(
                    "PROVISIONING", "CLUSTER:DONE", "NAMESPACE:DONE", "DATABASE:RUNNING:refused"),
                Statuses.environment("READY", "CLUSTER:DONE", "NAMESPACE:DONE", "DATABASE:DONE")),
            20,
            false);

    Run run =
        run(
            "create",
            "demo/web",
            "--database",
            "postgres",
            "--ttl",
            "90m",
            "--wait",
            "--timeout",
            "1m");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("demo/web  PROVISIONING")
        .contains("demo/web  READY")
        .containsPattern("CLUSTER +RUNNING")
        .containsPattern("CLUSTER +DONE +1.5s")
        .containsPattern("DATABASE +RUNNING +attempts 2  last error: refused")
        .containsPattern("DATABASE +DONE");
    assertThat(run.out()).doesNotContainPattern("\\p{Cntrl}&&[^\n]");
    assertThat(run.out().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    JsonNode request = new ObjectMapper().readTree(api.received.get(0).body());
    assertThat(request.get("ttl").asText()).isEqualTo("PT1H30M");
    assertThat(request.get("database").get("kind").asText()).isEqualTo("postgres");
  }

  @Test
  void givenCapabilities_whenCreated_theRequestShouldNameThemAndAnUnknownOneBeRefused()
      throws Exception {
    api.json("POST", "/api/v1/environments", 202, Statuses.environment("PROVISIONING"));

    Run run =
        run(
            "create",
            "demo/web",
            "--database",
            "postgres",
            "--capability",
            "statestore,secretstore");
    Run unknown = run("create", "demo/web", "--capability", "pubsub");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode request = new ObjectMapper().readTree(api.received.get(0).body());
    assertThat(request.get("capabilities"))
        .extracting(JsonNode::asText)
        .containsExactly("statestore", "secretstore");
    assertThat(unknown.code()).isNotZero();
    assertThat(unknown.err()).startsWith("envforge: Invalid value for option '--capability'");
    assertThat(api.received).hasSize(1);
  }

  @Test
  void givenAFailingRequest_whenWaited_itShouldExitFailedWithTheReason() {
    api.json("POST", "/api/v1/environments", 202, Statuses.environment("PROVISIONING"))
        .events(
            ENV + "/events",
            List.of(
                Statuses.withReason(
                    "FAILED",
                    "quota exceeded in cluster",
                    "CLUSTER:COMPENSATED",
                    "NAMESPACE:FAILED")),
            0,
            false);

    Run run = run("create", "demo/web", "--wait");

    assertThat(run.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).isEqualTo("envforge: demo/web FAILED: quota exceeded in cluster\n");
  }

  @Test
  void givenAStreamThatNeverSettles_whenWaitedBriefly_itShouldExitTimeout() {
    api.json("POST", "/api/v1/environments", 202, Statuses.environment("PROVISIONING"))
        .events(ENV + "/events", List.of(Statuses.environment("PROVISIONING")), 0, true);

    Run run = run("create", "demo/web", "--wait", "--timeout", "2s");

    assertThat(run.code()).isEqualTo(ExitCodes.TIMEOUT);
    assertThat(run.err())
        .startsWith("envforge: gave up waiting for demo/web after 2s")
        .hasLineCount(1);
  }

  @Test
  void givenADeletion_whenWaited_itShouldFollowPastAStaleReadyUntilDestroyed() {
    api.json("DELETE", ENV, 202, Statuses.environment("DESTROYING"))
        .events(
            ENV + "/events",
            List.of(
                Statuses.environment("DESTROYING", "NAMESPACE:RUNNING"),
                Statuses.environment("DESTROYED", "NAMESPACE:COMPENSATED")),
            0,
            false);

    Run run = run("delete", "demo/web", "--wait", "--reason", "done");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("demo/web  DESTROYED");
    assertThat(api.received.get(0).path()).endsWith("?reason=done");
  }

  @Test
  void givenProblems_whenCalled_itShouldExitWithTheirCodesAndOneLine() {
    api.problem("GET", ENV, 404, "environment demo/web not found")
        .problem("POST", ENV + "/extend", 409, "demo/web is PROVISIONING, not READY")
        .problem("GET", "/api/v1/environments", 401, "a bearer token is required");

    Run missing = run("get", "demo/web");
    assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).isEqualTo("envforge: environment demo/web not found\n");

    Run conflict = run("extend", "demo/web", "--by", "2h");
    assertThat(conflict.code()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(conflict.err()).isEqualTo("envforge: demo/web is PROVISIONING, not READY\n");

    Run unauthorized = run("list");
    assertThat(unauthorized.code()).isEqualTo(ExitCodes.NOT_AUTHORIZED);
    assertThat(unauthorized.err())
        .startsWith("envforge: a bearer token is required")
        .hasLineCount(1);
  }

  @Test
  void givenAnExtension_whenByHumanDuration_itShouldSendIso() throws Exception {
    api.json("POST", ENV + "/extend", 200, Statuses.environment("READY"));

    assertThat(run("extend", "demo/web", "--by", "2h", "-o", "name").code()).isZero();

    assertThat(new ObjectMapper().readTree(api.received.get(0).body()).get("by").asText())
        .isEqualTo("PT2H");
  }

  @Test
  void givenApprovalsAndSleep_whenRun_itShouldPostToEachEndpoint() throws Exception {
    api.json("POST", ENV + "/approve", 200, Statuses.environment("PROVISIONING"));
    api.json("POST", ENV + "/reject", 200, Statuses.environment("REJECTED"));
    api.json("POST", ENV + "/sleep", 200, Statuses.environment("SLEEPING"));
    api.json("POST", ENV + "/wake", 200, Statuses.environment("READY"));

    assertThat(run("approve", "demo/web", "-o", "name").code()).isZero();
    assertThat(run("reject", "demo/web", "--reason", "too big", "-o", "name").code()).isZero();
    assertThat(run("sleep", "demo/web", "-o", "name").code()).isZero();
    assertThat(run("wake", "demo/web", "-o", "name").code()).isZero();
    assertThat(run("reject", "demo/web").code()).isEqualTo(ExitCodes.USAGE);

    assertThat(api.received)
        .extracting(StandInApi.Received::path)
        .containsExactly(ENV + "/approve", ENV + "/reject", ENV + "/sleep", ENV + "/wake");
    assertThat(new ObjectMapper().readTree(api.received.get(1).body()).get("reason").asText())
        .isEqualTo("too big");
  }

  @Test
  void givenBadCommandLines_whenRun_itShouldExitUsageWithOneErrorLine() {
    Run duration = run("create", "demo/web", "--ttl", "soon");
    assertThat(duration.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(duration.err().lines().findFirst().orElseThrow())
        .startsWith("envforge: ")
        .contains("'soon' is not a duration");

    assertThat(run("get", "not-a-ref").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("get", "demo/web", "-o", "xml").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("extend", "demo/web").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run().code()).isEqualTo(ExitCodes.USAGE);
    assertThat(api.received).isEmpty();
  }

  @Test
  void givenNoServer_whenCalled_itShouldExitUnavailable() {
    environment.put("ENVFORGE_SERVER", "http://127.0.0.1:1");

    Run run = run("list");

    assertThat(run.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.err()).isEqualTo("envforge: cannot reach the API at http://127.0.0.1:1\n");
  }

  @Test
  void givenNoLogin_whenCalled_itShouldSayHowToLogIn() {
    environment.remove("ENVFORGE_SERVER");

    Run run = run("list");

    assertThat(run.code()).isEqualTo(ExitCodes.NOT_AUTHORIZED);
    assertThat(run.err()).contains("envforge login --server URL");
  }

  @Test
  void givenATokenOnStandardInput_whenLoggingIn_itShouldSaveItInAnOwnerOnlyFile() throws Exception {
    environment.remove("ENVFORGE_SERVER");
    environment.remove("ENVFORGE_TOKEN");
    api.json("GET", "/api/v1/environments", 200, "{\"items\":[],\"nextPageToken\":null}");

    Run run = runWithInput(TOKEN + "\n", "login", "--server", api.url(), "--token-stdin");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out() + run.err()).doesNotContain(TOKEN);
    Path config = home.resolve("config.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(config)).contains(TOKEN).contains(api.url());
    assertThat(run("list", "-o", "name").code()).isZero();
    assertThat(api.received.get(1).authorization()).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void givenARefusedToken_whenLoggingIn_itShouldSaveNothing() {
    environment.remove("ENVFORGE_SERVER");
    api.problem("GET", "/api/v1/environments", 401, "token not accepted");

    Run run = run("login", "--server", api.url());

    assertThat(run.code()).isEqualTo(ExitCodes.NOT_AUTHORIZED);
    assertThat(home.resolve("config.json")).doesNotExist();
  }

  @Test
  void givenAnAccessGrant_whenAskedForAKubeconfig_itShouldPrintWriteOrMergeIt() throws Exception {
    String kubeconfig =
        "apiVersion: v1\nkind: Config\nclusters:\n- name: demo-web\n  cluster:\n    server: https://k\n"
            + "users:\n- name: demo-web\n  user:\n    token: sa-token\n"
            + "contexts:\n- name: demo-web\n  context:\n    cluster: demo-web\n    user: demo-web\n"
            + "    namespace: demo-web\ncurrent-context: demo-web\n";
    api.json(
        "POST",
        ENV + "/access",
        201,
        new ObjectMapper()
            .writeValueAsString(
                Map.of(
                    "kubeconfig",
                    kubeconfig,
                    "expiresAt",
                    "2030-01-01T01:00:00Z",
                    "grantId",
                    "g1",
                    "namespace",
                    "demo-web",
                    "server",
                    "https://k",
                    "serviceAccount",
                    "system:serviceaccount:demo-web:envforge-developer",
                    "grantedTo",
                    "demo-ci")));

    Run printed = run("kubeconfig", "demo/web", "--ttl", "1h");
    assertThat(printed.code()).as(printed.err()).isZero();
    assertThat(printed.out()).isEqualTo(kubeconfig);
    assertThat(printed.err())
        .contains("grant g1 expires at 2030-01-01T01:00:00Z")
        .contains("namespace demo-web")
        .doesNotContain("sa-token");
    assertThat(new ObjectMapper().readTree(api.received.get(0).body()).get("ttl").asText())
        .isEqualTo("PT1H");

    Path file = home.resolve("demo.kubeconfig");
    assertThat(run("kubeconfig", "demo/web", "--output", file.toString()).code()).isZero();
    assertThat(Files.readString(file)).isEqualTo(kubeconfig);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    Path kube = home.resolve(".kube/config");
    Files.createDirectories(kube.getParent());
    Files.writeString(
        kube,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: admin\n  cluster:\n    server: https://a\n"
            + "users: []\ncontexts:\n- name: admin\n  context:\n    cluster: admin\ncurrent-context: admin\n");
    assertThat(run("kubeconfig", "demo/web", "--merge").code()).isZero();
    JsonNode merged = new YAMLMapper().readTree(kube.toFile());
    assertThat(merged.get("current-context").asText()).isEqualTo("demo-web");
    assertThat(merged.get("clusters")).hasSize(2);
    assertThat(merged.get("contexts")).hasSize(2);
  }

  @Test
  void givenAGrant_whenRevoked_itShouldDeleteIt() {
    api.json("DELETE", ENV + "/access/g1", 204, "");

    Run run = run("kubeconfig", "demo/web", "--revoke", "g1");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(api.received.get(0).method()).isEqualTo("DELETE");
  }

  @Test
  void givenEvents_whenPrintedAsJson_itShouldWriteOneDocumentALine() throws Exception {
    api.events(
        ENV + "/events",
        List.of(Statuses.environment("PROVISIONING"), Statuses.environment("READY")),
        0,
        false);

    Run run = run("events", "demo/web", "-o", "json");

    assertThat(run.code()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(new ObjectMapper().readTree(lines.get(1)).get("phase").asText()).isEqualTo("READY");
  }

  @Test
  void givenTheShells_whenCompletionAsked_itShouldPrintScripts() {
    assertThat(run("completion", "bash").out()).contains("complete").contains("kubeconfig");
    assertThat(run("completion", "zsh").out()).startsWith("autoload -U +X compinit");
    assertThat(run("completion", "fish").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("version").out()).startsWith("envforge ");
    assertThat(run("--help").out()).contains("Exit codes:").contains("6   the environment FAILED");
  }
}
