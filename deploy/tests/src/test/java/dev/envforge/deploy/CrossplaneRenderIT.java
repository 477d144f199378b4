package dev.envforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.testing.LocalPlatformExtension;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Renders deploy/crossplane's Compositions with the real {@code crossplane render} and checks the
 * composed resources. The composition function is deploy/crossplane/render's stand-in for
 * function-go-templating (the real one is not served by the Go module proxy), run locally.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrossplaneRenderIT {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private final Path crossplaneDir =
      LocalPlatformExtension.repositoryRoot().resolve("deploy/crossplane");
  private DeployTool crossplane;
  private Process function;
  private int functionPort;

  @BeforeAll
  void startTheFunction() throws IOException, InterruptedException {
    crossplane = DeployTool.build("crossplane");
    Path standIn = DeployTool.build("gotemplating-standin").binary();
    functionPort = freePort();
    function =
        new ProcessBuilder(
                standIn.toString(), "--insecure", "--address", "127.0.0.1:" + functionPort)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitListening(functionPort);
  }

  @AfterAll
  void stopTheFunction() {
    if (function != null) {
      function.destroy();
    }
  }

  @Test
  void givenANewEnvDatabase_itShouldComposeARoleWritingTheSecret_aDatabaseItOwns_andRevokePublic() {
    List<GenericKubernetesResource> rendered =
        render("render/xr-database.yaml", "composition-database.yaml", "xrd-database.yaml");

    GenericKubernetesResource role = only(rendered, "Role");
    assertThat(role.getApiVersion()).isEqualTo("postgresql.sql.m.crossplane.io/v1alpha1");
    assertThat(role.getMetadata().getNamespace()).isEqualTo("env-payments-checkout");
    assertThat(role.getMetadata().getAnnotations())
        .containsEntry("crossplane.io/external-name", "env_payments_checkout");
    assertThat((Object) role.get("spec", "forProvider", "privileges", "login")).isEqualTo(true);
    // The Secret envforge copies: provider-sql writes endpoint, port, username and password.
    assertThat((Object) role.get("spec", "writeConnectionSecretToRef", "name"))
        .isEqualTo("envforge-db-connection");

    GenericKubernetesResource database = only(rendered, "Database");
    assertThat(database.getMetadata().getAnnotations())
        .containsEntry("crossplane.io/external-name", "env_payments_checkout");
    assertThat((Object) database.get("spec", "forProvider", "ownerRef", "name"))
        .isEqualTo(role.getMetadata().getName());

    GenericKubernetesResource grant = only(rendered, "Grant");
    assertThat((Object) grant.get("spec", "forProvider", "revokePublicOnDb")).isEqualTo(true);
    assertThat((Object) grant.get("spec", "forProvider", "databaseRef", "name"))
        .isEqualTo(database.getMetadata().getName());
    assertThat(List.of(role, database, grant))
        .allSatisfy(
            r -> {
              Map<String, Object> providerConfig = r.get("spec", "providerConfigRef");
              assertThat(providerConfig)
                  .containsEntry("kind", "ClusterProviderConfig")
                  .containsEntry("name", "envforge-postgres");
            });

    assertThat(readyCondition(only(rendered, "EnvDatabase"))).containsEntry("status", "False");
  }

  @Test
  void givenProviderSqlReportsAllReady_theEnvDatabase_shouldBeReady() {
    List<GenericKubernetesResource> rendered =
        render(
            "render/xr-database.yaml",
            "composition-database.yaml",
            "xrd-database.yaml",
            "--observed-resources",
            crossplaneDir.resolve("render/observed-database-ready.yaml").toString());

    assertThat(readyCondition(only(rendered, "EnvDatabase"))).containsEntry("status", "True");
  }

  @Test
  void givenANewXEnvCluster_itShouldComposeAClusterAndANodePoolSizedByProfile() {
    List<GenericKubernetesResource> rendered =
        render("render/xr-cluster.yaml", "composition-cluster.yaml", "xrd-cluster.yaml");

    GenericKubernetesResource cluster = only(rendered, "Cluster");
    assertThat((Object) cluster.get("spec", "forProvider", "location")).isEqualTo("europe-west1");
    GenericKubernetesResource nodePool = only(rendered, "NodePool");
    assertThat((Object) nodePool.get("spec", "forProvider", "nodeCount")).isEqualTo(2);
    assertThat((Object) nodePool.get("spec", "forProvider", "nodeConfig", "machineType"))
        .isEqualTo("e2-standard-4");
    assertThat((Object) nodePool.get("spec", "forProvider", "clusterRef", "name"))
        .isEqualTo(cluster.getMetadata().getName());
    // `crossplane render` cannot pass observed connection details, so the kubeconfig Secret,
    // composed from the GKE cluster's, is not made here.
    assertThat(rendered).noneMatch(r -> "Secret".equals(r.getKind()));
    assertThat(readyCondition(only(rendered, "XEnvCluster"))).containsEntry("status", "False");
  }

  private List<GenericKubernetesResource> render(
      String xr, String composition, String xrd, String... options) {
    String[] arguments =
        concat(
            new String[] {
              "render",
              crossplaneDir.resolve(xr).toString(),
              crossplaneDir.resolve(composition).toString(),
              crossplaneDir.resolve("render/functions.yaml").toString(),
              "--xrd",
              crossplaneDir.resolve(xrd).toString(),
              "--function-annotations",
              "render.crossplane.io/runtime-development-target=127.0.0.1:" + functionPort
            },
            options);
    String output = crossplane.run(arguments).successfulOutput();
    return Arrays.stream(output.split("(?m)^---$"))
        .filter(document -> !document.isBlank())
        .map(document -> YAML.unmarshal(document, GenericKubernetesResource.class))
        .toList();
  }

  private static GenericKubernetesResource only(
      List<GenericKubernetesResource> rendered, String kind) {
    List<GenericKubernetesResource> ofKind =
        rendered.stream().filter(r -> kind.equals(r.getKind())).toList();
    assertThat(ofKind).as("rendered %s", kind).hasSize(1);
    return ofKind.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readyCondition(GenericKubernetesResource composite) {
    List<Map<String, Object>> conditions = composite.get("status", "conditions");
    return conditions.stream().filter(c -> "Ready".equals(c.get("type"))).findFirst().orElseThrow();
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitListening(int port) {
    await("the function stand-in to listen on " + port)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> listening(port));
  }

  private boolean listening(int port) {
    if (!function.isAlive()) {
      throw new IllegalStateException("the function stand-in exited with " + function.exitValue());
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
