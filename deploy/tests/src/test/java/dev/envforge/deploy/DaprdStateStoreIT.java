package dev.envforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.dapr.DaprComponents;
import dev.envforge.activities.dapr.KubernetesCapabilityActivities;
import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.postgres.DirectPostgresActivities;
import dev.envforge.activities.postgres.PostgresServer;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.ComponentsSpec;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.request.Capability;
import dev.envforge.workflows.request.EnvironmentNaming;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that an environment's Dapr components work, not only that the API server accepts them:
 * Dapr's own runtime (daprd, built from the github.com/dapr/dapr module by build-tools.sh) loads
 * the components envforge wrote into a real environment, resolves the state store's connection
 * string from the environment's real Secret through the secret store component, saves and reads a
 * state item over Dapr's HTTP API, and the row lands in that environment's database and nowhere
 * else.
 *
 * <p>daprd runs in self-hosted mode, outside the cluster. Two things differ from a sidecar in the
 * cluster, and only those are changed in the copies it loads: the secret store reaches the API
 * server through the platform's kubeconfig instead of a pod's service account, and the state store
 * names that store for its {@code secretKeyRef} (in Kubernetes mode Dapr resolves it from the
 * namespace by itself).
 */
@ExtendWith(LocalPlatformExtension.class)
class DaprdStateStoreIT {

  private static final String TEAM = "itdaprd";
  private static final Duration DAPRD_PATIENCE = Duration.ofSeconds(90);

  private static DeployTool daprd;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<DatabaseSpec> databases = new ArrayList<>();
  private LocalPlatform platform;
  private RegistryClusterClients clients;
  private KubernetesClient kube;
  private DirectPostgresActivities postgres;
  private Process sidecar;

  @TempDir Path resources;

  @BeforeAll
  static void buildDaprd() {
    daprd = DeployTool.build("daprd");
  }

  @BeforeEach
  void connect(LocalPlatform platform) {
    this.platform = platform;
    clients = LocalClusterClients.of(platform);
    kube = clients.shared(LocalClusterClients.NAME);
    postgres =
        new DirectPostgresActivities(
            PostgresServer.of(
                platform.postgresUrl(), platform.postgresUser(), platform.postgresPasswordFile()),
            clients);
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (sidecar != null) {
      sidecar.destroy();
      if (!sidecar.waitFor(20, TimeUnit.SECONDS)) {
        sidecar.destroyForcibly();
      }
    }
    for (DatabaseSpec spec : databases) {
      postgres.dropDatabase(spec);
      kube.namespaces().withName(spec.namespace()).delete();
    }
    clients.close();
  }

  @Test
  void
      givenAnEnvironmentsComponents_whenDaprdSavesState_itShouldLandInThatEnvironmentsDatabaseOnly()
          throws Exception {
    DatabaseSpec mine = environment("mine");
    DatabaseSpec other = environment("other");
    ComponentsSpec components =
        new ComponentsSpec(
            mine.cluster(),
            mine.namespace(),
            mine.secretName(),
            List.of(Capability.STATESTORE, Capability.SECRETSTORE),
            mine.labels());
    new KubernetesCapabilityActivities(clients).applyDaprComponents(components);
    writeSelfHosted(live(mine.namespace(), DaprComponents.STATESTORE_NAME), true);
    writeSelfHosted(live(mine.namespace(), DaprComponents.SECRETSTORE_NAME), false);

    String appId = "orders-" + suffix;
    int port = startDaprd(appId);

    String order = "{\"id\":\"" + suffix + "\",\"total\":42}";
    HttpResponse<String> saved =
        post(port, "/v1.0/state/statestore", "[{\"key\":\"order-1\",\"value\":" + order + "}]");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
    HttpResponse<String> read = get(port, "/v1.0/state/statestore/order-1");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(Serialization.unmarshal(read.body(), Map.class))
        .isEqualTo(Serialization.unmarshal(order, Map.class));

    // Dapr keys a state item by its app id; the row is in this environment's database ...
    assertThat(storedValue(mine, appId + "||order-1")).contains("\"" + suffix + "\"");
    // ... and the other environment's database has no state table at all.
    assertThat(hasStateTable(other)).isFalse();

    // The secret store component reads the environment's own Secret through daprd.
    HttpResponse<String> secret = get(port, "/v1.0/secrets/secretstore/" + mine.secretName());
    assertThat(secret.statusCode()).isEqualTo(200);
    assertThat(Serialization.unmarshal(secret.body(), Map.class).keySet())
        .contains("uri", "username", "database");
  }

  /**
   * The component as the API server holds it, with only what self-hosted mode needs changed, as a
   * resources file for daprd.
   */
  private void writeSelfHosted(GenericKubernetesResource live, boolean stateStore)
      throws IOException {
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("apiVersion", live.getApiVersion());
    component.put("kind", live.getKind());
    component.put("metadata", Map.of("name", live.getMetadata().getName()));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        new LinkedHashMap<>((Map<String, Object>) live.getAdditionalProperties().get("spec"));
    if (stateStore) {
      component.put("auth", Map.of("secretStore", DaprComponents.SECRETSTORE_NAME));
    } else {
      @SuppressWarnings("unchecked")
      List<Object> metadata = new ArrayList<>((List<Object>) spec.get("metadata"));
      metadata.add(Map.of("name", "kubeconfigPath", "value", platform.kubeconfig().toString()));
      spec.put("metadata", metadata);
    }
    component.put("spec", spec);
    // JSON is YAML: daprd reads it from a .yaml file.
    Files.writeString(
        resources.resolve(live.getMetadata().getName() + ".yaml"), Serialization.asJson(component));
  }

  private int startDaprd(String appId) throws Exception {
    int httpPort = freePort();
    Path log = resources.resolve("daprd.log");
    sidecar =
        new ProcessBuilder(
                daprd.binary().toString(),
                "--mode",
                "standalone",
                "--app-id",
                appId,
                "--resources-path",
                resources.toString(),
                "--dapr-http-port",
                Integer.toString(httpPort),
                "--dapr-grpc-port",
                Integer.toString(freePort()),
                "--dapr-internal-grpc-port",
                Integer.toString(freePort()),
                "--metrics-port",
                Integer.toString(freePort()),
                "--enable-metrics=false",
                "--dapr-listen-addresses",
                "127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Instant giveUp = Instant.now().plus(DAPRD_PATIENCE);
    while (true) {
      if (!sidecar.isAlive()) {
        throw new AssertionError("daprd exited with " + sidecar.exitValue() + ":\n" + tail(log));
      }
      try {
        if (get(httpPort, "/v1.0/healthz").statusCode() == 204) {
          return httpPort;
        }
      } catch (IOException notListeningYet) {
        // daprd opens its HTTP port once its components are loaded.
      }
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError(
            "daprd was not healthy within " + DAPRD_PATIENCE + ":\n" + tail(log));
      }
      Thread.sleep(250);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private GenericKubernetesResource live(String namespace, String name) {
    return kube.genericKubernetesResources(DaprComponents.CONTEXT)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  private DatabaseSpec environment(String name) {
    String envName = name + "-" + suffix;
    String namespace = EnvironmentNaming.namespace("", TEAM, envName);
    kube.resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    DatabaseSpec spec =
        DatabaseSpec.ofNamespace(
            ClusterRef.shared(LocalClusterClients.NAME),
            namespace,
            new EnvironmentLabels(
                EnvironmentNaming.environmentId(TEAM, envName),
                TEAM,
                EnvironmentNaming.workflowId(TEAM, envName),
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
    databases.add(spec);
    postgres.ensureDatabase(spec);
    return spec;
  }

  private String storedValue(DatabaseSpec spec, String key) throws SQLException {
    try (Connection connection = adminOf(spec);
        PreparedStatement query =
            connection.prepareStatement("SELECT value::text FROM state WHERE key = ?")) {
      query.setString(1, key);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("a row for " + key + " in " + spec.databaseName()).isTrue();
        return row.getString(1);
      }
    }
  }

  private boolean hasStateTable(DatabaseSpec spec) throws SQLException {
    try (Connection connection = adminOf(spec);
        ResultSet row =
            connection.createStatement().executeQuery("SELECT to_regclass('public.state')")) {
      row.next();
      return row.getString(1) != null;
    }
  }

  /** The platform's admin, connected to the environment's database. */
  private Connection adminOf(DatabaseSpec spec) throws SQLException {
    String url = platform.postgresUrl();
    String server = url.substring(0, url.lastIndexOf('/') + 1);
    return DriverManager.getConnection(
        server + spec.databaseName(), platform.postgresUser(), platform.postgresPassword());
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
