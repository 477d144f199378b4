package dev.envforge.activities.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The namespace activities against the local platform's real API server and controllers. */
@ExtendWith(LocalPlatformExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KubernetesNamespaceActivitiesIT {

  private static final String HOLD_FINALIZER = "envforge.dev/it-hold";
  private static final Instant EXPIRES_AT =
      Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> namespacesToRemove = new ArrayList<>();
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();
  private LocalPlatform platform;
  private RegistryClusterClients clients;
  private KubernetesClient kube;

  @BeforeEach
  void connect(LocalPlatform platform) {
    this.platform = platform;
    clients = LocalClusterClients.of(platform);
    kube = clients.shared("local");
  }

  @AfterEach
  void cleanUp() {
    for (String namespace : namespacesToRemove) {
      Namespace live = kube.namespaces().withName(namespace).get();
      if (live == null) {
        continue;
      }
      if (!live.getMetadata().getFinalizers().isEmpty()) {
        releaseFinalizers(namespace);
      }
      kube.namespaces().withName(namespace).delete();
    }
    clients.close();
  }

  @Test
  void givenANewEnvironment_whenNamespaceAndGuardrailsAreApplied_itShouldCreateThemAsBuilt() {
    NamespaceSpec spec = spec("new", Profile.MEDIUM, EXPIRES_AT);
    NamespaceObjects desired = new NamespaceObjects(NamespaceSettings.defaults());

    activities(Duration.ofMinutes(1)).ensureNamespace(spec);
    activities(Duration.ofMinutes(1)).applyGuardrails(spec);

    Namespace namespace = kube.namespaces().withName(spec.namespace()).get();
    assertManaged(namespace, desired.namespace(spec));

    ResourceQuota quota = live(desired.resourceQuota(spec));
    assertManaged(quota, desired.resourceQuota(spec));
    assertThat(quota.getSpec().getHard())
        .isEqualTo(desired.resourceQuota(spec).getSpec().getHard());

    LimitRange limits = live(desired.limitRange(spec));
    assertManaged(limits, desired.limitRange(spec));
    assertThat(limits.getSpec()).isEqualTo(desired.limitRange(spec).getSpec());

    NetworkPolicy policy = live(desired.networkPolicy(spec));
    assertManaged(policy, desired.networkPolicy(spec));
    assertThat(policy.getSpec()).isEqualTo(desired.networkPolicy(spec).getSpec());

    RoleBinding binding = live(desired.teamRoleBinding(spec));
    assertManaged(binding, desired.teamRoleBinding(spec));
    assertThat(binding.getRoleRef()).isEqualTo(desired.teamRoleBinding(spec).getRoleRef());
    assertThat(binding.getSubjects()).isEqualTo(desired.teamRoleBinding(spec).getSubjects());
  }

  @Test
  void givenAnAppliedEnvironment_whenEveryStepRunsAgain_itShouldChangeNothing() {
    NamespaceSpec spec = spec("again", Profile.SMALL, EXPIRES_AT);
    KubernetesNamespaceActivities activities = activities(Duration.ofMinutes(1));
    activities.ensureNamespace(spec);
    activities.applyGuardrails(spec);
    Map<String, String> before = resourceVersions(spec);

    activities.ensureNamespace(spec);
    activities.applyGuardrails(spec);

    assertThat(before).hasSize(5).doesNotContainValue(null);
    assertThat(resourceVersions(spec)).isEqualTo(before);
  }

  @Test
  void givenAChangedTeamRole_whenGuardrailsAreAppliedAgain_itShouldRebindTheGroupToTheNewRole() {
    NamespaceSpec spec = spec("rebind", Profile.SMALL, EXPIRES_AT);
    activities(Duration.ofMinutes(1)).ensureNamespace(spec);
    activities(Duration.ofMinutes(1)).applyGuardrails(spec);
    NamespaceSettings viewers =
        new NamespaceSettings(null, null, "view", NamespaceSettings.DEFAULT_DELETION_PATIENCE);

    // roleRef is immutable in the API; a plain apply would be refused with 422.
    new KubernetesNamespaceActivities(clients, viewers, heartbeats::add).applyGuardrails(spec);

    RoleBinding binding = live(new NamespaceObjects(viewers).teamRoleBinding(spec));
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo("view");
    assertThat(binding.getSubjects()).extracting(s -> s.getName()).containsExactly("it-team");
  }

  @Test
  void givenAnAppliedEnvironment_whenItsExpiryIsExtended_itShouldOnlyRewriteTheExpiryAnnotation() {
    NamespaceSpec spec = spec("extend", Profile.SMALL, EXPIRES_AT);
    KubernetesNamespaceActivities activities = activities(Duration.ofMinutes(1));
    activities.ensureNamespace(spec);
    activities.applyGuardrails(spec);
    Namespace namespaceBefore = kube.namespaces().withName(spec.namespace()).get();
    ResourceQuota quotaBefore =
        live(new NamespaceObjects(NamespaceSettings.defaults()).resourceQuota(spec));
    Instant extended = EXPIRES_AT.plus(Duration.ofDays(1));
    NamespaceSpec extendedSpec = spec("extend", Profile.SMALL, extended);

    activities.annotateExpiry(extendedSpec);

    Namespace namespaceAfter = kube.namespaces().withName(spec.namespace()).get();
    Map<String, String> expectedAnnotations =
        new LinkedHashMap<>(namespaceBefore.getMetadata().getAnnotations());
    expectedAnnotations.put(EnvironmentLabels.EXPIRES_AT, extended.toString());
    assertThat(namespaceAfter.getMetadata().getAnnotations()).isEqualTo(expectedAnnotations);
    assertThat(namespaceAfter.getMetadata().getLabels())
        .isEqualTo(namespaceBefore.getMetadata().getLabels());
    assertThat(namespaceAfter.getMetadata().getResourceVersion())
        .isNotEqualTo(namespaceBefore.getMetadata().getResourceVersion());

    ResourceQuota quotaAfter = live(quotaBefore);
    assertThat(quotaAfter.getMetadata().getAnnotations())
        .containsEntry(EnvironmentLabels.EXPIRES_AT, extended.toString());
    assertThat(quotaAfter.getSpec().getHard()).isEqualTo(quotaBefore.getSpec().getHard());
    assertThat(quotaAfter.getMetadata().getLabels())
        .isEqualTo(quotaBefore.getMetadata().getLabels());
  }

  @Test
  void givenAnEnvironmentWithContent_whenItsNamespaceIsDeleted_itShouldReturnOnlyOnceItIsGone() {
    NamespaceSpec spec = spec("delete", Profile.SMALL, EXPIRES_AT);
    KubernetesNamespaceActivities activities = activities(Duration.ofSeconds(90));
    activities.ensureNamespace(spec);
    activities.applyGuardrails(spec);
    kube.resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("app-settings")
                .withNamespace(spec.namespace())
                .endMetadata()
                .addToData("greeting", "hello")
                .build())
        .create();

    activities.deleteNamespace(spec);

    assertThat(kube.namespaces().withName(spec.namespace()).get()).isNull();
    assertThat(kube.configMaps().inNamespace(spec.namespace()).list().getItems()).isEmpty();
    assertThat(kube.resourceQuotas().inNamespace(spec.namespace()).list().getItems()).isEmpty();

    // NotFound is done: a retried teardown succeeds at once.
    activities.deleteNamespace(spec);
  }

  @Test
  void givenANamespaceCreatedByHand_whenEnsured_itShouldFailWithAConflictAndLeaveItAlone() {
    NamespaceSpec spec = spec("taken", Profile.SMALL, EXPIRES_AT);
    createForeignNamespace(spec.namespace(), Map.of("owner", "someone-else"));
    KubernetesNamespaceActivities activities = activities(Duration.ofMinutes(1));

    Throwable thrown = catchThrowable(() -> activities.ensureNamespace(spec));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("NAMESPACE_CONFLICT");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains(spec.namespace());
            });
    assertThat(kube.namespaces().withName(spec.namespace()).get().getMetadata().getLabels())
        .containsEntry("owner", "someone-else")
        .doesNotContainKey(EnvironmentLabels.MANAGED_BY);

    // The compensation of that failed step must not delete the stranger's namespace either.
    activities.deleteNamespace(spec);
    Namespace survivor = kube.namespaces().withName(spec.namespace()).get();
    assertThat(survivor).isNotNull();
    assertThat(survivor.getMetadata().getDeletionTimestamp()).isNull();
  }

  @Test
  void givenANamespaceOfAnotherEnvironment_whenEnsured_itShouldFailWithAConflict() {
    NamespaceSpec spec = spec("other", Profile.SMALL, EXPIRES_AT);
    createForeignNamespace(
        spec.namespace(),
        Map.of(
            EnvironmentLabels.MANAGED_BY,
            EnvironmentLabels.MANAGED_BY_VALUE,
            EnvironmentLabels.ENVIRONMENT,
            "someone-else-" + suffix));

    assertThatThrownBy(() -> activities(Duration.ofMinutes(1)).ensureNamespace(spec))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("NAMESPACE_CONFLICT"));
  }

  @Test
  void givenAFinalizerThatNeverGoes_whenTheNamespaceIsDeleted_itShouldReportItStuck() {
    NamespaceSpec spec = spec("stuck", Profile.SMALL, EXPIRES_AT);
    Duration patience = Duration.ofSeconds(5);
    KubernetesNamespaceActivities activities = activities(patience);
    activities.ensureNamespace(spec);
    kube.namespaces()
        .withName(spec.namespace())
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"finalizers\":[\"" + HOLD_FINALIZER + "\"]}}");

    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> activities.deleteNamespace(spec));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("NAMESPACE_STUCK");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains(spec.namespace())
                  .contains(HOLD_FINALIZER);
            });
    assertThat(took).isBetween(patience, patience.plusSeconds(20));
    assertThat(heartbeats).isNotEmpty();
    assertThat(heartbeats.get(0).toString()).contains(spec.namespace());

    // While it terminates, provisioning it again is a transient failure, not a conflict and not a
    // lack of permission, so a later retry finds the name free.
    assertThat(catchThrowable(() -> activities.ensureNamespace(spec)))
        .isNotNull()
        .isNotInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("terminating");
    // The API server refuses new objects in a terminating namespace with a 403, which must not be
    // mistaken for missing RBAC.
    assertThat(catchThrowable(() -> activities.applyGuardrails(spec)))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            refused -> assertThat(refused.getCode()).isEqualTo(403));

    releaseFinalizers(spec.namespace());
    activities(Duration.ofSeconds(60)).deleteNamespace(spec);
    assertThat(kube.namespaces().withName(spec.namespace()).get()).isNull();
  }

  @Test
  void givenCredentialsWithoutRights_whenEnsured_itShouldFailAsForbidden() {
    NamespaceSpec spec = spec("forbidden", Profile.SMALL, EXPIRES_AT);
    try (KubernetesClient nobody =
        LocalClusterClients.standaloneClientAs(platform, "envforge-it-nobody-" + suffix)) {
      ClusterClients nobodysClients =
          new ClusterClients() {
            @Override
            public KubernetesClient forCluster(ClusterRef cluster) {
              return nobody;
            }

            @Override
            public KubernetesClient management() {
              return nobody;
            }
          };
      KubernetesNamespaceActivities activities =
          new KubernetesNamespaceActivities(
              nobodysClients, NamespaceSettings.defaults(), heartbeats::add);

      assertThatThrownBy(() -> activities.ensureNamespace(spec))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo("FORBIDDEN");
                assertThat(failure.isNonRetryable()).isTrue();
              });
    }
    assertThat(kube.namespaces().withName(spec.namespace()).get()).isNull();
  }

  private KubernetesNamespaceActivities activities(Duration patience) {
    return new KubernetesNamespaceActivities(
        clients, NamespaceSettings.defaults().withDeletionPatience(patience), heartbeats::add);
  }

  private NamespaceSpec spec(String purpose, Profile profile, Instant expiresAt) {
    String environmentId = "it-" + purpose + "-" + suffix;
    String namespace = "envforge-" + environmentId;
    if (!namespacesToRemove.contains(namespace)) {
      namespacesToRemove.add(namespace);
    }
    return new NamespaceSpec(
        ClusterRef.shared("local"),
        namespace,
        profile,
        new EnvironmentLabels(
            environmentId, "it-team", "environment/it-team/" + purpose + "-" + suffix, expiresAt));
  }

  private void createForeignNamespace(String name, Map<String, String> labels) {
    kube.resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  private void releaseFinalizers(String namespace) {
    kube.namespaces()
        .withName(namespace)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
  }

  private <T extends HasMetadata> T live(T desired) {
    T live = kube.resource(desired).get();
    assertThat(live).as("%s %s", desired.getKind(), desired.getMetadata().getName()).isNotNull();
    return live;
  }

  private Map<String, String> resourceVersions(NamespaceSpec spec) {
    NamespaceObjects desired = new NamespaceObjects(NamespaceSettings.defaults());
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put(
        "Namespace",
        kube.namespaces().withName(spec.namespace()).get().getMetadata().getResourceVersion());
    for (HasMetadata guardrail : desired.guardrails(spec)) {
      versions.put(guardrail.getKind(), live(guardrail).getMetadata().getResourceVersion());
    }
    return versions;
  }

  private static void assertManaged(HasMetadata live, HasMetadata desired) {
    assertThat(live.getMetadata().getLabels())
        .containsAllEntriesOf(desired.getMetadata().getLabels())
        .containsEntry(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE);
    assertThat(live.getMetadata().getAnnotations())
        .containsAllEntriesOf(desired.getMetadata().getAnnotations())
        .containsKey(EnvironmentLabels.EXPIRES_AT);
    assertThat(live.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .contains(org.assertj.core.groups.Tuple.tuple("envforge", "Apply"));
  }
}
