package dev.envforge.activities.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.WorkloadActivities;
import dev.envforge.workflows.lifecycle.WorkloadChange;
import dev.envforge.workflows.lifecycle.WorkloadReplicas;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sleep and wake against the local platform's real API server. It has no kubelet, so no pod ever
 * runs; Deployments and StatefulSets are real API objects whose {@code replicas} really change,
 * which is what sleep changes.
 */
@ExtendWith(LocalPlatformExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KubernetesWorkloadActivitiesIT {

  private final String namespace = "env-it-sleep-" + UUID.randomUUID().toString().substring(0, 8);
  private KubernetesClient kube;
  private WorkloadActivities activities;
  private NamespaceSpec spec;

  @BeforeEach
  void namespaceWithWorkloads(LocalPlatform platform) {
    RegistryClusterClients clients = LocalClusterClients.of(platform);
    kube = clients.shared(LocalClusterClients.NAME);
    activities = new KubernetesWorkloadActivities(clients);
    spec =
        new NamespaceSpec(
            ClusterRef.shared(LocalClusterClients.NAME),
            namespace,
            Profile.SMALL,
            new EnvironmentLabels(namespace, "it", "environment/it/sleep", Instant.now()));
    kube.namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    deployment("api", 3);
    deployment("worker", 2);
    deployment("idle", 0);
    statefulSet("cache", 4);
  }

  @AfterEach
  void removeNamespace() {
    kube.namespaces().withName(namespace).delete();
  }

  @Test
  void givenThreeDeploymentsAndAStatefulSet_whenSleptAndWoken_itShouldRestoreTheExactCounts() {
    Map<String, Integer> before = replicas();

    WorkloadChange asleep = activities.sleep(spec);

    assertThat(replicas())
        .containsOnlyKeys(before.keySet())
        .allSatisfy((k, v) -> assertThat(v).isZero());
    assertThat(asleep.changed())
        .containsExactly(
            new WorkloadReplicas("Deployment", "api", 3),
            new WorkloadReplicas("Deployment", "idle", 0),
            new WorkloadReplicas("Deployment", "worker", 2),
            new WorkloadReplicas("StatefulSet", "cache", 4));
    assertThat(
            kube.apps()
                .deployments()
                .inNamespace(namespace)
                .withName("api")
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry(WorkloadActivities.REPLICAS_ANNOTATION, "3");
    // Again: nothing changes, and the answer is the same.
    assertThat(activities.sleep(spec)).isEqualTo(asleep);
    assertThat(replicas()).allSatisfy((k, v) -> assertThat(v).isZero());

    deployment("made-while-asleep", 5);
    WorkloadChange awake = activities.wake(spec);

    Map<String, Integer> expected = new LinkedHashMap<>(before);
    expected.put("Deployment/made-while-asleep", 5);
    assertThat(replicas()).isEqualTo(expected);
    assertThat(awake.changed()).containsExactlyInAnyOrderElementsOf(asleep.changed());
    assertThat(awake.leftAsIs()).containsExactly("Deployment/made-while-asleep");
    assertThat(
            kube.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName("cache")
                .get()
                .getMetadata()
                .getAnnotations())
        .doesNotContainKey(WorkloadActivities.REPLICAS_ANNOTATION);
    // Again: the same report, and the counts stay.
    assertThat(activities.wake(spec)).isEqualTo(awake);
    assertThat(replicas()).isEqualTo(expected);
  }

  @Test
  void givenAWorkloadScaledByHandAfterAWake_whenSleptAgain_itShouldRecordTheNewCount() {
    activities.sleep(spec);
    activities.wake(spec);
    kube.apps().deployments().inNamespace(namespace).withName("api").scale(7);

    WorkloadChange asleep = activities.sleep(spec);

    assertThat(asleep.changed()).contains(new WorkloadReplicas("Deployment", "api", 7));
    activities.wake(spec);
    assertThat(replicas()).containsEntry("Deployment/api", 7);
  }

  private Map<String, Integer> replicas() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    kube.apps()
        .deployments()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            d -> counts.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getReplicas()));
    kube.apps()
        .statefulSets()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            s -> counts.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getReplicas()));
    return counts;
  }

  private void deployment(String name, int replicas) {
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
                .withTemplate(template(name))
                .endSpec()
                .build())
        .create();
  }

  private void statefulSet(String name, int replicas) {
    kube.apps()
        .statefulSets()
        .inNamespace(namespace)
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withTemplate(template(name))
                .endSpec()
                .build())
        .create();
  }

  private static PodTemplateSpec template(String name) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(name)
        .withImage("registry.invalid/" + name + ":1")
        .endContainer()
        .endSpec()
        .build();
  }
}
