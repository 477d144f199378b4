package dev.envforge.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the local Kubernetes is a real control plane: server-side apply with field ownership
 * (which no in-memory mock implements) and namespace deletion finished by the controller manager.
 */
@ExtendWith(LocalPlatformExtension.class)
class KubernetesApiServerIT {

  private KubernetesClient client;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void connect(LocalPlatform platform) {
    client = LocalClusterClients.standaloneClient(platform);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void givenTheApiServer_whenAConfigMapIsServerSideApplied_itShouldRecordTheFieldManager() {
    String name = "smoke-ssa-" + suffix;
    ConfigMap desired =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .endMetadata()
            .addToData("owner", "envforge")
            .build();

    client.resource(desired).fieldManager("envforge-smoke").forceConflicts().serverSideApply();

    ConfigMap live = client.configMaps().inNamespace("default").withName(name).get();
    assertThat(live.getData()).containsEntry("owner", "envforge");
    assertThat(live.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .contains(org.assertj.core.groups.Tuple.tuple("envforge-smoke", "Apply"));

    // A second manager that claims the same field without forcing is refused: real SSA.
    ConfigMap rival =
        new ConfigMapBuilder(desired).withData(java.util.Map.of("owner", "someone-else")).build();
    assertThatThrownBy(() -> client.resource(rival).fieldManager("rival").serverSideApply())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));

    client.resource(live).delete();
  }

  @Test
  void givenANamespaceWithContent_whenDeleted_itShouldReallyDisappear() {
    String namespace = "smoke-ns-" + suffix;
    client
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("content")
                .withNamespace(namespace)
                .endMetadata()
                .build())
        .create();

    client.namespaces().withName(namespace).delete();

    // Only the controller manager's namespace controller empties the namespace and removes
    // its finalizer; without it the namespace would stay Terminating forever.
    client
        .namespaces()
        .withName(namespace)
        .waitUntilCondition(ns -> ns == null, 90, TimeUnit.SECONDS);
    assertThat(client.namespaces().withName(namespace).get()).isNull();
    assertThat(client.configMaps().inNamespace(namespace).list().getItems()).isEmpty();
  }

  @Test
  void givenTheApiServer_whenAskedItsVersion_itShouldBeARealKubernetesRelease() {
    assertThat(client.getKubernetesVersion().getGitVersion()).matches("v1\\.\\d+\\.\\d+.*");
    assertThat(client.getKubernetesVersion().getMajor()).isEqualTo("1");
  }
}
