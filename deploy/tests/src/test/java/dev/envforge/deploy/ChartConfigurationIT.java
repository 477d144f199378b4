package dev.envforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.worker.config.EnvforgeWorkerProperties;
import dev.envforge.worker.config.LifecycleProperties;
import dev.envforge.worker.config.WorkerAccessProperties;
import dev.envforge.workflows.lifecycle.ApprovalPolicy;
import dev.envforge.workflows.lifecycle.SleepPolicy;
import dev.envforge.workflows.lifecycle.SleepSchedule;
import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.settings.SharedProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.temporal.spring.boot.autoconfigure.properties.ConnectionProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/**
 * The application.yaml the chart renders, bound exactly as the applications bind it: envforge's own
 * properties records and the Temporal Spring Boot starter's connection properties. A property name
 * the chart gets wrong binds to nothing, and these tests see it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ChartConfigurationIT {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private DeployTool helm;
  private Path chart;

  @BeforeAll
  void buildHelm() {
    helm = DeployTool.build("helm");
    chart = LocalPlatformExtension.repositoryRoot().resolve("deploy/helm/envforge");
  }

  @Test
  void givenEveryOption_theWorkersConfiguration_shouldBindToItsProperties(@TempDir Path apiKeyDir)
      throws IOException {
    ConfigurableEnvironment environment =
        environment(
            configuration(
                "worker",
                "--values",
                resource("deploy/every-option.yaml"),
                "--set",
                "worker.postgres.adminUrl=jdbc:postgresql://db.example.com:5432/postgres"));
    // What the API-key Secret looks like mounted: the file's name is the property.
    Files.writeString(apiKeyDir.resolve("spring.temporal.connection.api-key"), "the-key");
    environment
        .getPropertySources()
        .addLast(new ConfigTreePropertySource("temporal-api-key", apiKeyDir));
    Binder binder = Binder.get(environment);

    EnvforgeWorkerProperties envforge =
        binder.bind("envforge", EnvforgeWorkerProperties.class).get();
    assertThat(envforge.clusters().registry().get("local").inCluster()).isTrue();
    assertThat(envforge.clusters().registry().get("eu-shared-1").kubeconfig())
        .isEqualTo(Path.of("/etc/envforge/clusters/eu-shared-1/kubeconfig"));
    assertThat(envforge.clusters().registry().get("eu-shared-1").context()).isEqualTo("envforge");
    assertThat(envforge.postgres().adminUrl())
        .isEqualTo("jdbc:postgresql://db.example.com:5432/postgres");
    assertThat(envforge.postgres().adminPasswordFile())
        .isEqualTo(Path.of("/etc/envforge/postgres/password"));
    assertThat(envforge.namespaces().teamClusterRole()).isEqualTo("edit");
    assertThat(envforge.crossplane().connectionSecretNamespace()).isEqualTo("envforge-system");
    assertThat(envforge.crossplane().readyPatience()).isEqualTo(java.time.Duration.ofMinutes(20));

    assertThat(envforge.shared().ttl().profiles().get(Profile.LARGE).defaultTtl())
        .isEqualTo(java.time.Duration.ofHours(4));
    assertThat(envforge.shared().ttl().profiles().get(Profile.LARGE).maxTtl())
        .isEqualTo(java.time.Duration.ofDays(2));
    assertThat(envforge.shared().ttl().teams().get("platform").keepAllowed()).isTrue();
    assertThat(envforge.shared().ttl().teams().get("platform").maxTtl())
        .isEqualTo(java.time.Duration.ofDays(30));
    assertThat(envforge.shared().ttl().keepAllowed()).isFalse();

    LifecycleProperties lifecycle =
        binder.bind("envforge.lifecycle", LifecycleProperties.class).get();
    ApprovalPolicy approval = lifecycle.approvalPolicy();
    assertThat(approval.dedicatedClusters()).isTrue();
    assertThat(approval.required()).isFalse();
    assertThat(approval.timeout()).isEqualTo(java.time.Duration.ofHours(12));
    assertThat(approval.profiles()).containsEntry("large", true);
    assertThat(approval.teams()).containsEntry("platform", false);
    SleepPolicy sleep = lifecycle.sleepPolicy();
    assertThat(sleep.profiles().get("small"))
        .isEqualTo(
            new SleepSchedule(
                java.time.LocalTime.of(20, 0),
                java.time.LocalTime.of(8, 0),
                java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY)));
    assertThat(sleep.timeZoneOf("payments")).isEqualTo(java.time.ZoneId.of("America/New_York"));
    assertThat(sleep.timeZoneOf("search")).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));

    WorkerAccessProperties access =
        binder.bind("envforge.namespaces.worker-access", WorkerAccessProperties.class).get();
    assertThat(access.clusterRole()).isEqualTo("cfg-envforge-worker-environment");
    assertThat(access.serviceAccount()).isEqualTo("envforge-system/cfg-envforge-worker");

    ConnectionProperties temporal =
        binder.bind("spring.temporal.connection", ConnectionProperties.class).get();
    assertThat(temporal.getTarget()).isEqualTo("my-namespace.a1b2c.tmprl.cloud:7233");
    assertThat(temporal.isEnableHttps()).isTrue();
    assertThat(temporal.getApiKey()).isEqualTo("the-key");
    assertThat(binder.bind("spring.temporal.namespace", String.class).get())
        .isEqualTo("my-namespace.a1b2c");
    assertThat(environment.getProperty("spring.config.import"))
        .isEqualTo("optional:configtree:/etc/envforge/temporal-api-key/");
    assertThat(environment.getProperty("envforge.codec.key-directory"))
        .isEqualTo("/etc/envforge/codec-keys");
    assertThat(environment.getProperty("envforge.reaper.dry-run")).isEqualTo("false");
  }

  @Test
  void givenSharedSettingsSetOnce_theWorkerAndTheApi_shouldBindTheSameValues() throws IOException {
    String[] values = {
      "--values", resource("deploy/every-option.yaml"),
      "--set", "taskQueue=team-queue",
      "--set", "namespacePrefix=",
      "--set", "ttl.default=PT2H",
      "--set", "ttl.warnBefore=PT20M",
      "--set", "capabilities.medium={statestore,secretstore}"
    };
    SharedProperties worker = shared(configuration("worker", values));
    SharedProperties api = shared(configuration("starter", values));
    SharedProperties operator = shared(configuration("operator", values));

    for (SharedProperties shared : List.of(worker, api, operator)) {
      assertThat(shared.taskQueue()).isEqualTo("team-queue");
      assertThat(shared.namespacePrefix()).isEmpty();
      assertThat(shared.ttl().defaultTtl()).isEqualTo(java.time.Duration.ofHours(2));
      assertThat(shared.ttl().warnBefore()).isEqualTo(java.time.Duration.ofMinutes(20));
      assertThat(shared.capabilityDefaults().forProfile(Profile.MEDIUM))
          .containsExactly(
              dev.envforge.workflows.request.Capability.STATESTORE,
              dev.envforge.workflows.request.Capability.SECRETSTORE);
    }
    assertThat(api.requestLimits()).isEqualTo(worker.requestLimits());
    assertThat(operator.requestLimits()).isEqualTo(worker.requestLimits());
    assertThat(api.codec()).isEqualTo(worker.codec());
    assertThat(operator.codec()).isEqualTo(worker.codec());
  }

  @Test
  void givenNoSharedSettings_theWorkerAndTheApi_shouldKeepTheSameDefaults() throws IOException {
    SharedProperties worker = shared(configuration("worker"));
    SharedProperties api = shared(configuration("starter"));

    assertThat(worker.taskQueue()).isEqualTo("envforge-environments");
    assertThat(worker.namespacePrefix()).isEqualTo("env-");
    assertThat(worker.ttl().defaultTtl()).isEqualTo(java.time.Duration.ofHours(8));
    assertThat(worker.ttl().warnBefore()).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(api.requestLimits()).isEqualTo(worker.requestLimits());
  }

  private static SharedProperties shared(String applicationYaml) throws IOException {
    return Binder.get(environment(applicationYaml)).bind("envforge", SharedProperties.class).get();
  }

  @Test
  void givenMutualTls_theConnection_shouldNameTheMountedCertificateFiles() throws IOException {
    Binder binder =
        Binder.get(
            environment(
                configuration(
                    "starter",
                    "--set",
                    "temporal.mtls.enabled=true",
                    "--set",
                    "temporal.mtls.secretName=temporal-client",
                    "--set",
                    "temporal.mtls.serverName=temporal.example.com")));

    ConnectionProperties temporal =
        binder.bind("spring.temporal.connection", ConnectionProperties.class).get();
    assertThat(temporal.getMTLS().getCertChainFile())
        .isEqualTo("/etc/envforge/temporal-tls/cert-chain");
    assertThat(temporal.getMTLS().getKeyFile()).isEqualTo("/etc/envforge/temporal-tls/key");
    assertThat(temporal.getMTLS().getServerName()).isEqualTo("temporal.example.com");
    assertThat(temporal.getApiKey()).isNull();
  }

  /** The component's application.yaml from the rendered chart. */
  private String configuration(String component, String... options) {
    List<String> arguments =
        new java.util.ArrayList<>(
            List.of("template", "cfg", chart.toString(), "--namespace", "envforge-system"));
    arguments.addAll(Arrays.asList(options));
    String output = helm.run(arguments.toArray(String[]::new)).successfulOutput();
    return Arrays.stream(output.split("(?m)^---$"))
        .filter(document -> !document.isBlank())
        .map(document -> YAML.unmarshal(document, HasMetadata.class))
        .filter(ConfigMap.class::isInstance)
        .map(ConfigMap.class::cast)
        .filter(c -> c.getMetadata().getName().equals("cfg-envforge-" + component))
        .findFirst()
        .orElseThrow()
        .getData()
        .get("application.yaml");
  }

  /**
   * The chart's file over the defaults both applications import, as in a pod: the ConfigMap is an
   * additional configuration location, so what it sets wins and what it leaves out keeps the
   * default.
   */
  private static ConfigurableEnvironment environment(String applicationYaml) throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    yaml.load("chart", new ByteArrayResource(applicationYaml.getBytes()))
        .forEach(source -> environment.getPropertySources().addLast(source));
    yaml.load("shared", new ClassPathResource("envforge-shared.yaml"))
        .forEach(source -> environment.getPropertySources().addLast(source));
    return environment;
  }

  private static String resource(String name) {
    try {
      return Path.of(ChartConfigurationIT.class.getClassLoader().getResource(name).toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
