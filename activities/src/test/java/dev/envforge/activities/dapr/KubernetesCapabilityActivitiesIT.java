package dev.envforge.activities.dapr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.ComponentsSpec;
import dev.envforge.workflows.activities.DaprComponent;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.request.Capability;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The capability activities against the local platform's API server, which serves Dapr's own
 * Component CRD (installed by the platform from the github.com/dapr/dapr module): what envforge
 * writes must pass that CRD's schema.
 */
@ExtendWith(LocalPlatformExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KubernetesCapabilityActivitiesIT {

  private static final List<Capability> BOTH =
      List.of(Capability.STATESTORE, Capability.SECRETSTORE);

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> namespaces = new ArrayList<>();
  private RegistryClusterClients clients;
  private KubernetesClient kube;
  private KubernetesCapabilityActivities activities;

  @BeforeEach
  void connect(LocalPlatform platform) {
    clients = LocalClusterClients.of(platform);
    kube = clients.shared(LocalClusterClients.NAME);
    activities = new KubernetesCapabilityActivities(clients);
  }

  @AfterEach
  void cleanUp() {
    namespaces.forEach(namespace -> kube.namespaces().withName(namespace).delete());
    clients.close();
  }

  @Test
  void givenBothCapabilities_whenApplied_theApiServerShouldHoldTheComponentsAsBuilt() {
    ComponentsSpec spec = spec("both", BOTH);

    List<DaprComponent> applied = activities.applyDaprComponents(spec);

    assertThat(applied)
        .extracting(DaprComponent::name, DaprComponent::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("statestore", "state.postgresql"),
            org.assertj.core.groups.Tuple.tuple("secretstore", "secretstores.kubernetes"));
    for (Capability capability : BOTH) {
      GenericKubernetesResource live = live(spec, DaprComponents.describe(capability).name());
      GenericKubernetesResource desired = DaprComponents.desired(spec, capability);
      assertThat(live).as(capability.key()).isNotNull();
      assertThat(live.getAdditionalProperties().get("spec"))
          .isEqualTo(desired.getAdditionalProperties().get("spec"));
      assertThat(live.getMetadata().getLabels())
          .containsAllEntriesOf(desired.getMetadata().getLabels());
      assertThat(live.getMetadata().getManagedFields())
          .anySatisfy(field -> assertThat(field.getManager()).isEqualTo("envforge"));
    }
  }

  @Test
  void givenAppliedComponents_whenAppliedAgain_itShouldChangeNothing() {
    ComponentsSpec spec = spec("again", BOTH);
    activities.applyDaprComponents(spec);
    String before = live(spec, "statestore").getMetadata().getResourceVersion();

    activities.applyDaprComponents(spec);

    assertThat(live(spec, "statestore").getMetadata().getResourceVersion()).isEqualTo(before);
  }

  @Test
  void givenAComponentThatBelongsToSomeoneElse_whenApplied_itShouldFailForGoodAndLeaveIt() {
    ComponentsSpec spec = spec("taken", BOTH);
    GenericKubernetesResource theirs =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(DaprComponents.API_VERSION)
            .withKind(DaprComponents.KIND)
            .withNewMetadata()
            .withName("statestore")
            .withNamespace(spec.namespace())
            .endMetadata()
            .addToAdditionalProperties(
                "spec", Map.of("type", "state.in-memory", "version", "v1", "metadata", List.of()))
            .build();
    kube.genericKubernetesResources(DaprComponents.CONTEXT).resource(theirs).create();

    Throwable failure = catchThrowable(() -> activities.applyDaprComponents(spec));
    activities.deleteDaprComponents(spec);

    assertThat(failure)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("CAPABILITY_CONFLICT");
              assertThat(f.isNonRetryable()).isTrue();
            });
    assertThat(live(spec, "statestore").getAdditionalProperties().get("spec"))
        .isEqualTo(theirs.getAdditionalProperties().get("spec"));
  }

  @Test
  void givenAppliedComponents_whenDeletedTwice_theyShouldBeGoneAndTheSecondDeleteBeDone() {
    ComponentsSpec spec = spec("gone", BOTH);
    activities.applyDaprComponents(spec);

    activities.deleteDaprComponents(spec);
    activities.deleteDaprComponents(spec);

    assertThat(live(spec, "statestore")).isNull();
    assertThat(live(spec, "secretstore")).isNull();
  }

  @Test
  void givenAMalformedComponent_theCrdShouldRefuseIt() {
    // Proves that the API server checks Components against Dapr's schema, so the tests above
    // that it accepts envforge's are worth something.
    ComponentsSpec spec = spec("schema", BOTH);
    GenericKubernetesResource malformed = DaprComponents.desired(spec, Capability.SECRETSTORE);
    malformed.getAdditionalProperties().put("spec", Map.of("type", List.of("not", "a", "string")));

    Throwable refused =
        catchThrowable(
            () ->
                kube.genericKubernetesResources(DaprComponents.CONTEXT)
                    .resource(malformed)
                    .create());

    assertThat(refused)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  private GenericKubernetesResource live(ComponentsSpec spec, String name) {
    return kube.genericKubernetesResources(DaprComponents.CONTEXT)
        .inNamespace(spec.namespace())
        .withName(name)
        .get();
  }

  private ComponentsSpec spec(String name, List<Capability> capabilities) {
    String namespace = "itdapr-" + name + "-" + suffix;
    kube.resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    namespaces.add(namespace);
    return new ComponentsSpec(
        ClusterRef.shared(LocalClusterClients.NAME),
        namespace,
        "envforge-database",
        capabilities,
        new EnvironmentLabels(
            namespace, "itdapr", "environment/itdapr/" + name + "-" + suffix, Instant.EPOCH));
  }
}
