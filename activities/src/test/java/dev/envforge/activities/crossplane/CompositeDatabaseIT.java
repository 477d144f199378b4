package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.crossplane.CrossplaneStandIn.Behaviour;
import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.EnvDatabaseStatus;
import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Composite databases in a namespace of the local platform's API server, with the EnvDatabase CRD
 * installed and {@link CrossplaneStandIn} playing Crossplane and its Postgres provider.
 */
@ExtendWith({LocalPlatformExtension.class, CompositeCrdsExtension.class})
class CompositeDatabaseIT {

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String environmentId = "db-" + suffix;
  private final String password = "pw-" + UUID.randomUUID() + " /@:";
  private final DatabaseSpec spec =
      new DatabaseSpec(
          ClusterRef.shared("local"),
          "db-" + suffix,
          "db_" + suffix,
          "db_" + suffix + "_owner",
          "database",
          new EnvironmentLabels(
              environmentId, "db", "environment/db/" + suffix, Instant.now().plusSeconds(3600)));
  private final List<Object> beats = new CopyOnWriteArrayList<>();

  private RegistryClusterClients clusterClients;
  private KubernetesClient client;

  @BeforeEach
  void connect(LocalPlatform platform) {
    clusterClients = LocalClusterClients.of(platform);
    client = clusterClients.forCluster(spec.cluster());
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(spec.namespace())
                .endMetadata()
                .build())
        .create();
  }

  @AfterEach
  void cleanUp() {
    client.namespaces().withName(spec.namespace()).delete();
    clusterClients.close();
  }

  private KubernetesCrossplaneActivities activities(Duration patience) {
    return new KubernetesCrossplaneActivities(
        clusterClients, CrossplaneSettings.of(null, patience, Duration.ofMillis(250)), beats::add);
  }

  private CrossplaneStandIn<EnvDatabaseStatus, EnvDatabase> crossplane(Behaviour behaviour) {
    return CrossplaneStandIn.databases(
        client,
        environmentId,
        behaviour,
        Duration.ofSeconds(1),
        "pg.example.internal",
        6432,
        password);
  }

  @Test
  void
      givenCrossplaneMakesTheDatabase_whenEnsured_itShouldWriteTheApplicationSecretAndReturnNoPassword()
          throws Exception {
    KubernetesCrossplaneActivities activities = activities(Duration.ofSeconds(60));
    try (var crossplane = crossplane(Behaviour.BECOME_READY)) {

      DatabaseRef ref = activities.ensureCompositeDatabase(spec);

      assertThat(ref)
          .isEqualTo(
              new DatabaseRef(
                  "pg.example.internal", 6432, spec.databaseName(), spec.roleName(), "database"));
      Secret secret = client.secrets().inNamespace(spec.namespace()).withName("database").get();
      assertThat(secret.getMetadata().getLabels())
          .containsEntry(EnvironmentLabels.ENVIRONMENT, environmentId)
          .containsEntry(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE);
      Map<String, String> values = decode(secret);
      assertThat(values)
          .containsOnlyKeys("host", "port", "database", "username", "password", "jdbc-url", "uri")
          .containsEntry("host", "pg.example.internal")
          .containsEntry("port", "6432")
          .containsEntry("database", spec.databaseName())
          .containsEntry("username", spec.roleName())
          .containsEntry("password", password)
          .containsEntry(
              "jdbc-url", "jdbc:postgresql://pg.example.internal:6432/" + spec.databaseName());
      assertThat(values.get("uri"))
          .startsWith("postgresql://" + spec.roleName() + ":")
          .endsWith("@pg.example.internal:6432/" + spec.databaseName());
      assertThat(beats).anySatisfy(beat -> assertThat(beat.toString()).contains("Creating"));
      assertThat(beats).noneSatisfy(beat -> assertThat(beat.toString()).contains(password));

      // A retried activity applies the same composite and Secret and returns the same reference.
      assertThat(activities.ensureCompositeDatabase(spec)).isEqualTo(ref);
    }
  }

  @Test
  void givenACompositeThatKeepsFailing_whenThePatienceRunsOut_itShouldFailWithDatabaseNotReady()
      throws Exception {
    try (var crossplane = crossplane(Behaviour.FAIL_TO_RECONCILE)) {

      assertThatThrownBy(() -> activities(Duration.ofSeconds(3)).ensureCompositeDatabase(spec))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo("DATABASE_NOT_READY");
                assertThat(failure.isNonRetryable()).isTrue();
              })
          .hasMessageContaining("failing: ")
          .hasMessageContaining("Synced=False (ReconcileError)");
    }
    assertThat(client.secrets().inNamespace(spec.namespace()).withName("database").get()).isNull();
  }

  @Test
  void givenAnApplicationSecretOfSomeoneElse_whenEnsured_itShouldRefuseWithAConflict() {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("database")
                .withNamespace(spec.namespace())
                .endMetadata()
                .addToStringData("password", "theirs")
                .build())
        .create();

    assertThatThrownBy(() -> activities(Duration.ofSeconds(5)).ensureCompositeDatabase(spec))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("DATABASE_CONFLICT"));
    assertThat(
            client
                .resources(EnvDatabase.class)
                .inNamespace(spec.namespace())
                .withName(CompositeDatabase.compositeName(spec))
                .get())
        .isNull();
    assertThat(decode(client.secrets().inNamespace(spec.namespace()).withName("database").get()))
        .containsEntry("password", "theirs");
  }

  @Test
  void givenAReadyDatabase_whenDeletedTwice_itShouldRemoveCompositeAndSecretAndThenDoNothing()
      throws Exception {
    KubernetesCrossplaneActivities activities = activities(Duration.ofSeconds(60));
    try (var crossplane = crossplane(Behaviour.BECOME_READY)) {
      activities.ensureCompositeDatabase(spec);
    }

    activities.deleteCompositeDatabase(spec);

    assertThat(
            client
                .resources(EnvDatabase.class)
                .inNamespace(spec.namespace())
                .withName(CompositeDatabase.compositeName(spec))
                .get())
        .isNull();
    assertThat(client.secrets().inNamespace(spec.namespace()).withName("database").get()).isNull();
    activities.deleteCompositeDatabase(spec);
  }

  private static Map<String, String> decode(Secret secret) {
    Map<String, String> values = new LinkedHashMap<>();
    secret
        .getData()
        .forEach(
            (key, value) ->
                values.put(
                    key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    return values;
  }
}
