package dev.envforge.activities.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamespaceObjectsTest {

  private static final EnvironmentLabels LABELS =
      new EnvironmentLabels(
          "payments-feature-x",
          "payments",
          "environment/payments/feature-x",
          Instant.parse("2030-01-02T03:04:05Z"));

  private final NamespaceObjects objects = new NamespaceObjects(NamespaceSettings.defaults());

  private static NamespaceSpec spec(Profile profile) {
    return new NamespaceSpec(ClusterRef.shared("local"), "env-payments-feature-x", profile, LABELS);
  }

  @Test
  void givenAKeptEnvironment_whenTheNamespaceIsBuilt_itShouldBeLabelledKeepWithNoExpiry() {
    EnvironmentLabels kept =
        new EnvironmentLabels(
            "payments-feature-x", "payments", "environment/payments/feature-x", null, true);

    Namespace namespace =
        objects.namespace(
            new NamespaceSpec(
                ClusterRef.shared("local"), "env-payments-feature-x", Profile.SMALL, kept));

    assertThat(namespace.getMetadata().getLabels()).containsEntry("envforge.dev/keep", "true");
    assertThat(namespace.getMetadata().getAnnotations())
        .containsOnlyKeys("envforge.dev/workflow-id");
    assertThat(objects.namespace(spec(Profile.SMALL)).getMetadata().getLabels())
        .doesNotContainKey("envforge.dev/keep");
  }

  @Test
  void givenASpec_whenTheNamespaceIsBuilt_itShouldCarryTheManagedLabelsAndAnnotations() {
    Namespace namespace = objects.namespace(spec(Profile.SMALL));

    assertThat(namespace.getKind()).isEqualTo("Namespace");
    assertThat(namespace.getApiVersion()).isEqualTo("v1");
    assertThat(namespace.getMetadata().getName()).isEqualTo("env-payments-feature-x");
    assertThat(namespace.getMetadata().getNamespace()).isNull();
    assertThat(namespace.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app.kubernetes.io/managed-by", "envforge",
                "envforge.dev/environment", "payments-feature-x",
                "envforge.dev/team", "payments"));
    assertThat(namespace.getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "envforge.dev/expires-at", "2030-01-02T03:04:05Z",
                "envforge.dev/workflow-id", "environment/payments/feature-x"));
  }

  @Test
  void givenASpec_whenTheGuardrailsAreBuilt_itShouldNameThemAndPutThemInTheNamespace() {
    List<HasMetadata> guardrails = objects.guardrails(spec(Profile.MEDIUM));

    assertThat(guardrails)
        .extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ResourceQuota", "envforge-quota"),
            org.assertj.core.groups.Tuple.tuple("LimitRange", "envforge-limits"),
            org.assertj.core.groups.Tuple.tuple("NetworkPolicy", "envforge-default-deny"),
            org.assertj.core.groups.Tuple.tuple("RoleBinding", "envforge-team"));
    for (HasMetadata guardrail : guardrails) {
      assertThat(guardrail.getMetadata().getNamespace()).isEqualTo("env-payments-feature-x");
      assertThat(guardrail.getMetadata().getLabels())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "app.kubernetes.io/managed-by", "envforge",
                  "envforge.dev/environment", "payments-feature-x",
                  "envforge.dev/team", "payments"));
      assertThat(guardrail.getMetadata().getAnnotations())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "envforge.dev/expires-at", "2030-01-02T03:04:05Z",
                  "envforge.dev/workflow-id", "environment/payments/feature-x"));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "SMALL,  1, 2Gi, 2, 4Gi,  10, 5,  10Gi",
    "MEDIUM, 2, 4Gi, 4, 8Gi,  20, 10, 50Gi",
    "LARGE,  4, 8Gi, 8, 16Gi, 40, 20, 100Gi"
  })
  void givenEachDefaultProfile_whenTheQuotaIsBuilt_itShouldHoldExactlyThatProfilesHardLimits(
      Profile profile,
      String requestsCpu,
      String requestsMemory,
      String limitsCpu,
      String limitsMemory,
      String pods,
      String claims,
      String storage) {
    Map<String, Quantity> hard = objects.resourceQuota(spec(profile)).getSpec().getHard();

    assertThat(asStrings(hard))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "requests.cpu", requestsCpu,
                "requests.memory", requestsMemory,
                "limits.cpu", limitsCpu,
                "limits.memory", limitsMemory,
                "pods", pods,
                "persistentvolumeclaims", claims,
                "requests.storage", storage));
  }

  @ParameterizedTest
  @CsvSource({
    "SMALL,  100m, 128Mi, 500m, 512Mi",
    "MEDIUM, 250m, 256Mi, 1,    1Gi",
    "LARGE,  500m, 512Mi, 2,    2Gi"
  })
  void givenEachDefaultProfile_whenTheLimitRangeIsBuilt_itShouldDefaultEveryContainer(
      Profile profile, String requestCpu, String requestMemory, String limitCpu, String limit) {
    List<LimitRangeItem> items = objects.limitRange(spec(profile)).getSpec().getLimits();

    assertThat(items).hasSize(1);
    LimitRangeItem item = items.get(0);
    assertThat(item.getType()).isEqualTo("Container");
    assertThat(asStrings(item.getDefaultRequest()))
        .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", requestCpu, "memory", requestMemory));
    assertThat(asStrings(item.getDefault()))
        .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", limitCpu, "memory", limit));
    assertThat(item.getMax()).isNullOrEmpty();
    assertThat(item.getMin()).isNullOrEmpty();
  }

  @Test
  void givenConfiguredSizes_whenTheQuotaIsBuilt_itShouldUseThemInsteadOfTheDefaults() {
    ProfileSizes tiny =
        new ProfileSizes("250m", "512Mi", "1", "1Gi", 3, 0, "0", "50m", "64Mi", "100m", "128Mi");
    NamespaceObjects configured =
        new NamespaceObjects(new NamespaceSettings(Map.of(Profile.SMALL, tiny), null, null, null));

    assertThat(asStrings(configured.resourceQuota(spec(Profile.SMALL)).getSpec().getHard()))
        .containsEntry("requests.cpu", "250m")
        .containsEntry("limits.memory", "1Gi")
        .containsEntry("pods", "3")
        .containsEntry("persistentvolumeclaims", "0")
        .containsEntry("requests.storage", "0");
    assertThat(asStrings(configured.resourceQuota(spec(Profile.LARGE)).getSpec().getHard()))
        .containsEntry("requests.cpu", "4");
  }

  @Test
  void givenASpec_whenTheNetworkPolicyIsBuilt_itShouldDenyAllButTheNamespaceItselfAndDns() {
    NetworkPolicy policy = objects.networkPolicy(spec(Profile.SMALL));

    // Compared as the JSON the API server receives: an empty selector must be sent as {} (all
    // pods), never left out, or the rule would mean something else.
    assertThat(Serialization.unmarshal(Serialization.asJson(policy.getSpec()), Map.class))
        .isEqualTo(
            Serialization.unmarshal(
                """
                {
                  "podSelector": {},
                  "policyTypes": ["Ingress", "Egress"],
                  "ingress": [ { "from": [ { "podSelector": {} } ] } ],
                  "egress": [
                    { "to": [ { "podSelector": {} } ] },
                    {
                      "to": [ { "namespaceSelector": {} } ],
                      "ports": [
                        { "protocol": "UDP", "port": 53 },
                        { "protocol": "TCP", "port": 53 }
                      ]
                    }
                  ]
                }
                """,
                Map.class));
  }

  @Test
  void givenDefaultSettings_whenTheRoleBindingIsBuilt_itShouldBindTheTeamGroupToEdit() {
    RoleBinding binding = objects.teamRoleBinding(spec(Profile.SMALL));

    assertThat(binding.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo("edit");
    assertThat(binding.getSubjects())
        .extracting(Subject::getKind, Subject::getApiGroup, Subject::getName, Subject::getNamespace)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Group", "rbac.authorization.k8s.io", "payments", null));
  }

  @Test
  void givenAGroupFormatAndRole_whenTheRoleBindingIsBuilt_itShouldUseBoth() {
    NamespaceObjects configured =
        new NamespaceObjects(
            new NamespaceSettings(null, "oidc:{team}-developers", "envforge-developer", null));

    RoleBinding binding = configured.teamRoleBinding(spec(Profile.SMALL));

    assertThat(binding.getRoleRef().getName()).isEqualTo("envforge-developer");
    assertThat(binding.getSubjects())
        .extracting(Subject::getName)
        .containsExactly("oidc:payments-developers");
  }

  @Test
  void givenNoExpiry_whenObjectsAreBuilt_itShouldLeaveTheExpiryAnnotationOut() {
    NamespaceSpec noExpiry =
        new NamespaceSpec(
            ClusterRef.shared("local"),
            "env-payments-feature-x",
            Profile.SMALL,
            new EnvironmentLabels(
                "payments-feature-x", "payments", "environment/payments/feature-x", null));

    assertThat(objects.namespace(noExpiry).getMetadata().getAnnotations())
        .containsOnlyKeys("envforge.dev/workflow-id");
  }

  private static Map<String, String> asStrings(Map<String, Quantity> quantities) {
    return quantities.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().toString(), (a, b) -> a, TreeMap::new));
  }
}
