package dev.envforge.activities.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Writing, reading back and deleting the connection Secret on the real API server. */
@ExtendWith(LocalPlatformExtension.class)
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ConnectionSecretIT {

  private static final String NAME = "envforge-database";

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String namespace = "itsecret-" + suffix;
  private final EnvironmentLabels owner =
      new EnvironmentLabels(namespace, "itsecret", "environment/itsecret/" + suffix, Instant.EPOCH);
  private final EnvironmentLabels other =
      new EnvironmentLabels("itsecret-other", "itsecret", "environment/itsecret/other", null);

  private KubernetesClient client;

  @BeforeEach
  void connect(LocalPlatform platform) {
    client = LocalClusterClients.standaloneClient(platform);
    client
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  @AfterEach
  void cleanUp() {
    client.namespaces().withName(namespace).delete();
    client.close();
  }

  @Test
  void givenASecret_whenAppliedTwiceWithANewPassword_itShouldHoldTheLatestAndBeOwnedByEnvforge() {
    ConnectionSecretWriter.apply(
        client, ConnectionSecret.desired(namespace, NAME, owner, credentials("first")));
    ConnectionSecretWriter.apply(
        client, ConnectionSecret.desired(namespace, NAME, owner, credentials("second")));

    assertThat(ConnectionSecretReader.read(client, namespace, NAME, owner))
        .contains(credentials("second"));
    Secret live = client.secrets().inNamespace(namespace).withName(NAME).get();
    assertThat(live.getType()).isEqualTo("Opaque");
    assertThat(live.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .containsExactly(tuple(ManagedMetadata.FIELD_MANAGER, "Apply"));
  }

  @Test
  void givenASecretOfAnotherEnvironment_whenReadOrDeleted_itShouldBeIgnoredAndKept() {
    ConnectionSecretWriter.apply(
        client, ConnectionSecret.desired(namespace, NAME, other, credentials("theirs")));

    assertThat(ConnectionSecretReader.read(client, namespace, NAME, owner)).isEmpty();
    assertThat(ConnectionSecretWriter.deleteIfOwned(client, namespace, NAME, owner)).isFalse();
    assertThat(client.secrets().inNamespace(namespace).withName(NAME).get()).isNotNull();
  }

  @Test
  void givenAHandMadeSecretWithoutLabels_whenRead_itShouldBeTreatedAsAbsent() {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(namespace)
                .endMetadata()
                .withData(
                    ConnectionSecret.desired(namespace, NAME, owner, credentials("x")).getData())
                .build())
        .create();

    assertThat(ConnectionSecretReader.read(client, namespace, NAME, owner)).isEmpty();
  }

  @Test
  void givenOurSecret_whenDeletedTwice_itShouldBeGoneAndTheSecondDeleteANoOp() {
    ConnectionSecretWriter.apply(
        client, ConnectionSecret.desired(namespace, NAME, owner, credentials("mine")));

    assertThat(ConnectionSecretWriter.deleteIfOwned(client, namespace, NAME, owner)).isTrue();
    assertThat(ConnectionSecretWriter.deleteIfOwned(client, namespace, NAME, owner)).isFalse();
    assertThat(client.secrets().inNamespace(namespace).withName(NAME).get()).isNull();
  }

  @Test
  void givenNoSuchNamespace_whenReadOrDeleted_itShouldFindNothing() {
    String missing = "itsecret-missing-" + suffix;

    assertThat(ConnectionSecretReader.read(client, missing, NAME, owner)).isEmpty();
    assertThat(ConnectionSecretWriter.deleteIfOwned(client, missing, NAME, owner)).isFalse();
  }

  @Test
  void givenNoSuchNamespace_whenApplied_itShouldFailTransientlyWithoutTheSecretsValues() {
    String missing = "itsecret-missing-" + suffix;

    Throwable failure =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                ConnectionSecretWriter.apply(
                    client,
                    ConnectionSecret.desired(missing, NAME, owner, credentials("hidden-pw"))));

    assertThat(failure)
        .isInstanceOf(ConnectionSecretException.class)
        .hasMessageContaining(missing + "/" + NAME)
        .hasMessageContaining("404")
        .hasNoCause();
    assertThat(failure.toString()).doesNotContain("hidden-pw");
  }

  private static DatabaseCredentials credentials(String password) {
    return new DatabaseCredentials("db.local", 5432, "app", "app_user", password);
  }
}
