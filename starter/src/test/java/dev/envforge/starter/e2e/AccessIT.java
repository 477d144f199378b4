package dev.envforge.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.starter.security.TestTokens;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A developer's kubeconfig, used with the real {@code kubectl} against the local platform's real
 * API server: it works inside its environment's namespace and nowhere else, its token never
 * outlives the environment, it stops working when revoked and when the environment is destroyed,
 * and the token never reaches Temporal.
 */
@TestPropertySource(
    properties = {
      "envforge.security.tokens[1].name=payments-ci",
      "envforge.security.tokens[1].sha256=" + TestTokens.PAYMENTS_SHA256,
      "envforge.security.tokens[1].teams=payments"
    })
class AccessIT extends RealPlatformTestBase {

  private static final String NAME = "door";

  @LocalServerPort private int port;
  @Autowired private WorkflowClient temporal;
  @TempDir Path dir;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void givenAReadyEnvironment_whenADeveloperGetsAKubeconfig_itShouldWorkInItsNamespaceOnly()
      throws Exception {
    String team = newTeam("access");
    String otherTeam = newTeam("access-other");
    String runId =
        start(
            new EnvironmentRequest(
                team,
                NAME,
                ClusterChoice.shared("local"),
                Profile.SMALL,
                DatabaseChoice.postgres(DatabaseDriver.DIRECT),
                "PT2H"));
    start(
        new EnvironmentRequest(
            otherTeam,
            NAME,
            ClusterChoice.shared("local"),
            Profile.SMALL,
            DatabaseChoice.none(),
            "PT2H"));
    followUntil(team, NAME, "READY");
    followUntil(otherTeam, NAME, "READY");
    String namespace = namespaceOf(team, NAME);
    String otherNamespace = namespaceOf(otherTeam, NAME);
    Instant environmentExpiry =
        Instant.parse(api.body(api.get(team, NAME)).get("expiresAt").asString());

    HttpResponse<String> granted = api.access(team, NAME, "{\"ttl\":\"PT1H\"}", "application/json");
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
    JsonNode grant = api.body(granted);
    String grantId = grant.get("grantId").asString();
    String kubeconfigText = grant.get("kubeconfig").asString();
    String token = tokenOf(kubeconfigText);
    Path kubeconfig = write("grant.kubeconfig", kubeconfigText);
    assertThat(grant.get("namespace").asString()).isEqualTo(namespace);

    // The token's own expiry: within the hour asked for, never past the environment's.
    long exp =
        json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("exp").asLong();
    assertThat(Instant.ofEpochSecond(exp)).isBeforeOrEqualTo(environmentExpiry);
    assertThat(Instant.ofEpochSecond(exp))
        .isBeforeOrEqualTo(Instant.now().plus(Duration.ofMinutes(61)));
    assertThat(Instant.parse(grant.get("expiresAt").asString()))
        .isEqualTo(Instant.ofEpochSecond(exp));

    // Inside its namespace: the team's role.
    assertThat(Kubectl.run(kubeconfig, "create", "configmap", "probe", "--from-literal=a=b"))
        .as("create a ConfigMap")
        .satisfies(r -> assertThat(r.exit()).as(r.output()).isZero());
    assertThat(Kubectl.run(kubeconfig, "create", "deployment", "web", "--image=pause"))
        .as("create a Deployment")
        .satisfies(r -> assertThat(r.exit()).as(r.output()).isZero());
    assertThat(
            Kubectl.run(
                kubeconfig,
                "get",
                "secret",
                EnvironmentNaming.CONNECTION_SECRET_NAME,
                "-o",
                "name"))
        .as("read the connection Secret")
        .satisfies(r -> assertThat(r.exit()).as(r.output()).isZero());

    // Nowhere else.
    assertForbidden(Kubectl.run(kubeconfig, "get", "namespaces"), "list namespaces");
    assertForbidden(Kubectl.run(kubeconfig, "get", "nodes"), "read nodes");
    assertForbidden(
        Kubectl.run(kubeconfig, "get", "pods", "-n", "kube-system"), "touch kube-system");
    assertForbidden(
        Kubectl.run(kubeconfig, "get", "configmaps", "-n", otherNamespace),
        "read another environment");
    assertForbidden(
        Kubectl.run(
            kubeconfig,
            "create",
            "rolebinding",
            "grab",
            "--clusterrole=admin",
            "--serviceaccount=" + namespace + ":envforge-developer"),
        "create a RoleBinding");
    assertForbidden(
        Kubectl.run(
            kubeconfig,
            "create",
            "clusterrolebinding",
            "grab-" + team,
            "--clusterrole=admin",
            "--serviceaccount=" + namespace + ":envforge-developer"),
        "create a ClusterRoleBinding");

    // The same kubeconfig as YAML; another team's caller learns nothing.
    HttpResponse<String> yaml = api.access(team, NAME, "", "application/yaml");
    assertThat(yaml.statusCode()).as(yaml.body()).isEqualTo(201);
    assertThat(yaml.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
    Path secondKubeconfig = write("second.kubeconfig", yaml.body());
    HttpResponse<String> stranger =
        new EnvironmentApi(port, TestTokens.PAYMENTS).access(team, NAME, "", "application/json");
    assertThat(stranger.statusCode()).as(stranger.body()).isEqualTo(404);
    HttpResponse<String> tooShort =
        api.access(team, NAME, "{\"ttl\":\"PT5M\"}", "application/json");
    assertThat(tooShort.statusCode()).as(tooShort.body()).isEqualTo(422);

    // The status lists the grants, not their tokens.
    JsonNode status = api.body(api.get(team, NAME));
    assertThat(status.toString()).doesNotContain(token);

    // Revoked: the first kubeconfig stops working, the second still works.
    HttpResponse<String> revoked = api.revokeAccess(team, NAME, grantId);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
    awaitRefused(kubeconfig, "after revoke");
    assertThat(Kubectl.run(secondKubeconfig, "get", "configmaps", "-o", "name").exit()).isZero();

    // The history holds no token, in any form.
    String history = rawHistory(EnvironmentNaming.workflowId(team, NAME), runId);
    assertThat(history).contains(grantId);
    for (String form : forms(token)) {
      assertThat(history.contains(form)).as("a token in the workflow history").isFalse();
    }
    String worker = Files.readString(RealWorkerExtension.WORKER_LOG, StandardCharsets.UTF_8);
    assertThat(worker.contains(token)).as("a token in the worker's log").isFalse();

    // Destroyed: the second kubeconfig dies with the namespace.
    destroyAndAwaitClosed(team, NAME, runId);
    awaitRefused(secondKubeconfig, "after destroy");
  }

  private static List<String> forms(String token) {
    byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
    return List.of(
        token,
        token.split("\\.")[2],
        Base64.getEncoder().encodeToString(bytes),
        Base64.getUrlEncoder().encodeToString(bytes));
  }

  private void awaitRefused(Path kubeconfig, String when) {
    await(when)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> Kubectl.run(kubeconfig, "get", "configmaps", "-o", "name").refused());
  }

  private static void assertForbidden(Kubectl.Result result, String what) {
    assertThat(result.exit()).as(what + ": " + result.output()).isNotZero();
    assertThat(result.output()).as(what).containsIgnoringCase("forbidden");
  }

  private static String tokenOf(String kubeconfig) {
    for (String line : kubeconfig.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("token:")) {
        return trimmed.substring("token:".length()).strip();
      }
    }
    throw new AssertionError("no token in the kubeconfig");
  }

  private Path write(String file, String contents) throws IOException {
    Path path = dir.resolve(file);
    Files.writeString(path, contents);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    return path;
  }

  private String rawHistory(String workflowId, String runId) {
    byte[] bytes =
        temporal
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(temporal.getOptions().getNamespace())
                    .setExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                    .build())
            .getHistory()
            .toByteArray();
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
