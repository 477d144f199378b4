package dev.envforge.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.starter.security.TestTokens;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Approval and sleep through the API on the real platform, with a worker of its own whose policy
 * makes every request wait for approval. Two tokens: the requester's (a member of the team) and an
 * approver's (approves for the team, is not in it). Sleep and wake then change the replicas of a
 * real Deployment on the real API server (which has no kubelet: the objects' counts change, no pod
 * runs).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "envforge.events.poll-interval=PT0.2S",
      "envforge.events.timeout=PT3M",
      "envforge.security.rate-limit.capacity=1000"
    })
@ExtendWith(LocalPlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleIT {

  private static final Duration PATIENCE = Duration.ofMinutes(3);

  /** Its own queue: the shared end-to-end worker asks no approval and must not take these runs. */
  private static final String TASK_QUEUE = "e2e-approval-" + UUID.randomUUID();

  private static final String TEAM = "approval-" + UUID.randomUUID().toString().substring(0, 6);
  private static final String REQUESTER = "requester-" + UUID.randomUUID();
  private static final String APPROVER = "approver-" + UUID.randomUUID();
  private static final Path WORKER_LOG =
      Path.of("target", "e2e-approval-worker.log").toAbsolutePath();

  @LocalServerPort private int port;
  @Autowired private WorkflowClient temporal;

  private WorkerJvm worker;
  private ClusterProbe cluster;
  private KubernetesClient kube;
  private Leftovers leftovers;

  @DynamicPropertySource
  static void platformAndTokens(DynamicPropertyRegistry registry) {
    LocalPlatform platform = LocalPlatformExtension.platform();
    registry.add("spring.temporal.connection.target", platform::temporalAddress);
    registry.add("spring.temporal.namespace", platform::temporalNamespace);
    registry.add("envforge.temporal-ui-base-url", platform::temporalUi);
    registry.add("envforge.task-queue", () -> TASK_QUEUE);
    registry.add("envforge.namespace-prefix", () -> EndToEndSettings.NAMESPACE_PREFIX);
    // A list binds from one property source alone: every token entry is set here.
    registry.add("envforge.security.tokens[0].name", () -> "e2e-admin");
    registry.add("envforge.security.tokens[0].sha256", () -> TestTokens.ADMIN_SHA256);
    registry.add("envforge.security.tokens[0].admin", () -> "true");
    registry.add("envforge.security.tokens[1].name", () -> "requester");
    registry.add("envforge.security.tokens[1].sha256", () -> sha256(REQUESTER));
    registry.add("envforge.security.tokens[2].name", () -> "approver");
    registry.add("envforge.security.tokens[1].teams", () -> TEAM);
    registry.add("envforge.security.tokens[2].sha256", () -> sha256(APPROVER));
    registry.add("envforge.security.tokens[2].approver-for", () -> TEAM);
  }

  @BeforeAll
  void startWorker(LocalPlatform platform) {
    worker =
        WorkerJvm.start(
            platform,
            TASK_QUEUE,
            EndToEndSettings.NAMESPACE_PREFIX,
            WORKER_LOG,
            Map.of("ENVFORGE_APPROVAL_REQUIRED", "true", "ENVFORGE_APPROVAL_TIMEOUT", "PT1H"));
    cluster = new ClusterProbe(platform);
    kube =
        new KubernetesClientBuilder()
            .withConfig(
                Config.fromKubeconfig(
                    platform.kubeContextOrNull(),
                    platform.kubeconfigContents(),
                    platform.kubeconfig().toString()))
            .build();
    leftovers = new Leftovers(new TemporalRuns(temporal), cluster, new PostgresProbe(platform));
  }

  @AfterAll
  void stopWorker() {
    try {
      leftovers.removeTeam(TEAM);
    } finally {
      worker.close();
      cluster.close();
      kube.close();
    }
  }

  @Test
  void givenTwoTokens_whenTheApproverApproves_itShouldProvisionAndThenSleepAndWakeExactly() {
    EnvironmentApi requester = new EnvironmentApi(port, REQUESTER);
    EnvironmentApi approver = new EnvironmentApi(port, APPROVER);
    String namespace =
        dev.envforge.workflows.request.EnvironmentNaming.namespace(
            EndToEndSettings.NAMESPACE_PREFIX, TEAM, "gated");

    HttpResponse<String> created = requester.request(request("gated"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonNode waiting = awaitPhase(requester, "gated", "AWAITING_APPROVAL");
    assertThat(waiting.get("approval").get("requestedBy").asString()).isEqualTo("requester");
    assertThat(waiting.get("approval").get("outcome").asString()).isEqualTo("PENDING");
    assertThat(cluster.namespace(namespace)).as("nothing is made while waiting").isNull();

    // The requester is in the team but approves for nobody.
    HttpResponse<String> selfApproved = requester.lifecycle(TEAM, "gated", "approve", null);
    assertThat(selfApproved.statusCode()).as(selfApproved.body()).isEqualTo(403);

    HttpResponse<String> approved =
        approver.lifecycle(TEAM, "gated", "approve", "{\"reason\":\"fits the budget\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(approver.body(approved).get("approval").get("decidedBy").asString())
        .isEqualTo("approver");
    awaitPhase(requester, "gated", "READY");
    assertThat(cluster.namespace(namespace)).isNotNull();

    deployment(namespace, "web", 3);
    deployment(namespace, "jobs", 2);
    HttpResponse<String> slept = requester.lifecycle(TEAM, "gated", "sleep", null);
    assertThat(slept.statusCode()).as(slept.body()).isEqualTo(200);
    assertThat(requester.body(slept).get("phase").asString()).isEqualTo("SLEEPING");
    assertThat(replicas(namespace, "web")).isZero();
    assertThat(replicas(namespace, "jobs")).isZero();

    HttpResponse<String> woken = requester.lifecycle(TEAM, "gated", "wake", null);
    assertThat(woken.statusCode()).as(woken.body()).isEqualTo(200);
    assertThat(requester.body(woken).get("phase").asString()).isEqualTo("READY");
    assertThat(replicas(namespace, "web")).isEqualTo(3);
    assertThat(replicas(namespace, "jobs")).isEqualTo(2);
  }

  @Test
  void givenAWaitingRequest_whenTheApproverRejects_itShouldEndRejectedWithNothingMade() {
    EnvironmentApi requester = new EnvironmentApi(port, REQUESTER);
    EnvironmentApi approver = new EnvironmentApi(port, APPROVER);
    assertThat(requester.request(request("refused")).statusCode()).isEqualTo(202);
    awaitPhase(requester, "refused", "AWAITING_APPROVAL");

    HttpResponse<String> noReason = approver.lifecycle(TEAM, "refused", "reject", "{}");
    assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
    HttpResponse<String> rejected =
        approver.lifecycle(TEAM, "refused", "reject", "{\"reason\":\"use a smaller profile\"}");
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);

    JsonNode ended = awaitPhase(requester, "refused", "REJECTED");
    assertThat(ended.get("reason").asString())
        .isEqualTo("rejected by approver: use a smaller profile");
    assertThat(
            cluster.namespace(
                dev.envforge.workflows.request.EnvironmentNaming.namespace(
                    EndToEndSettings.NAMESPACE_PREFIX, TEAM, "refused")))
        .isNull();
  }

  private static EnvironmentRequest request(String name) {
    return new EnvironmentRequest(
        TEAM, name, ClusterChoice.shared("local"), Profile.SMALL, DatabaseChoice.none(), "PT1H");
  }

  private static JsonNode awaitPhase(EnvironmentApi api, String name, String phase) {
    return await(name + " " + phase)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> api.body(api.get(TEAM, name)),
            status -> status.get("phase") != null && phase.equals(status.get("phase").asString()));
  }

  private void deployment(String namespace, String name, int replicas) {
    kube.apps()
        .deployments()
        .inNamespace(namespace)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage("registry.invalid/" + name + ":1")
                .withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("10m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("16Mi"))
                .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  private int replicas(String namespace, String name) {
    return kube.apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .get()
        .getSpec()
        .getReplicas();
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
