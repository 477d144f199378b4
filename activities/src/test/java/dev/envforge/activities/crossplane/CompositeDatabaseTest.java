package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.EnvDatabaseSpec;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeDatabaseTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static final EnvironmentLabels LABELS =
      new EnvironmentLabels(
          "payments-demo", "payments", "environment/payments/demo", Instant.EPOCH);

  private static DatabaseSpec spec(String databaseName) {
    return new DatabaseSpec(
        ClusterRef.shared("local"),
        "payments-demo",
        databaseName,
        "payments_demo_owner",
        "database",
        LABELS);
  }

  @Test
  void givenAPostgresDatabaseName_whenNamed_itShouldBecomeADnsLabel() {
    assertThat(CompositeDatabase.compositeName(spec("payments_demo"))).isEqualTo("payments-demo");
    assertThat(CompositeDatabase.compositeName(spec("_Odd__Name_"))).isEqualTo("odd-name");
    assertThat(CompositeDatabase.compositeName(spec("x".repeat(80)))).hasSize(63);
    assertThat(CompositeDatabase.compositeName(spec("___"))).isEqualTo("database");
  }

  @Test
  void givenASpec_whenBuilt_itShouldAskForPostgresInTheNamespaceWithItsOwnConnectionSecret() {
    CrossplaneSettings settings =
        new CrossplaneSettings(
            null, Duration.ofMinutes(1), Duration.ofSeconds(1), null, null, "15", 8);

    EnvDatabase database = CompositeDatabase.desired(spec("payments_demo"), settings);

    assertThat(database.getApiVersion()).isEqualTo("platform.envforge.dev/v1alpha1");
    assertThat(database.getKind()).isEqualTo("EnvDatabase");
    assertThat(database.getMetadata().getName()).isEqualTo("payments-demo");
    assertThat(database.getMetadata().getNamespace()).isEqualTo("payments-demo");
    assertThat(database.getMetadata().getLabels())
        .containsEntry("envforge.dev/environment", "payments-demo");
    assertThat(database.getMetadata().getAnnotations())
        .containsEntry("envforge.dev/workflow-id", "environment/payments/demo");
    assertThat(database.getSpec().getEngine()).isEqualTo(EnvDatabaseSpec.Engine.POSTGRES);
    assertThat(database.getSpec().getVersion()).isEqualTo("15");
    assertThat(database.getSpec().getStorageGB()).isEqualTo(8L);
    assertThat(database.getSpec().getDatabaseName()).isEqualTo("payments_demo");
    assertThat(database.getSpec().getUsername()).isEqualTo("payments_demo_owner");
    assertThat(database.getSpec().getWriteConnectionSecretToRef().getName())
        .isEqualTo("payments-demo-crossplane-connection")
        .isNotEqualTo(spec("payments_demo").secretName());
  }

  @Test
  void givenASpec_whenSerialized_itShouldSendExactlyTheXrdsFields() {
    EnvDatabase database =
        CompositeDatabase.desired(spec("payments_demo"), CrossplaneSettings.defaults());

    assertThat(onTheWire(database.getSpec()))
        .isEqualTo(
            Map.of(
                "engine", "postgres",
                "version", "16",
                "storageGB", 20,
                "databaseName", "payments_demo",
                "username", "payments_demo_owner",
                "writeConnectionSecretToRef",
                    Map.of("name", "payments-demo-crossplane-connection")));
  }

  /** The JSON the API server receives, read back as plain maps and numbers. */
  private static Map<?, ?> onTheWire(Object spec) {
    return SERIALIZATION.unmarshal(SERIALIZATION.asJson(spec), Map.class);
  }
}
