package dev.envforge.activities.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerAccessTest {

  private static final EnvironmentLabels LABELS =
      new EnvironmentLabels(
          "payments-checkout", "payments", "environment/payments/checkout", Instant.EPOCH);

  private static NamespaceSpec on(String cluster) {
    return new NamespaceSpec(
        ClusterRef.shared(cluster), "env-payments-checkout", Profile.SMALL, LABELS);
  }

  private final WorkerAccess access =
      new WorkerAccess(
          "envforge-worker-environment", "envforge-system/envforge-worker", Set.of("local"));

  @Test
  void givenAClusterReachedAsTheServiceAccount_itShouldBindTheServiceAccountInTheNamespace() {
    RoleBinding binding = access.roleBinding(on("local")).orElseThrow();

    assertThat(binding.getMetadata().getName()).isEqualTo(WorkerAccess.ROLE_BINDING);
    assertThat(binding.getMetadata().getNamespace()).isEqualTo("env-payments-checkout");
    assertThat(binding.getMetadata().getLabels())
        .containsEntry(EnvironmentLabels.MANAGED_BY, "envforge")
        .containsEntry(EnvironmentLabels.ENVIRONMENT, "payments-checkout");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo("envforge-worker-environment");
    assertThat(binding.getSubjects())
        .extracting(Subject::getKind, Subject::getNamespace, Subject::getName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ServiceAccount", "envforge-system", "envforge-worker"));
  }

  @Test
  void givenAClusterReachedWithAnotherIdentity_itShouldBindNothing() {
    assertThat(access.roleBinding(on("eu-shared-1"))).isEmpty();
  }

  @Test
  void givenNoRole_itShouldBindNothing() {
    assertThat(WorkerAccess.none().roleBinding(on("local"))).isEmpty();
    assertThat(new WorkerAccess("", null, Set.of("local")).roleBinding(on("local"))).isEmpty();
  }

  @Test
  void givenAServiceAccountWithoutItsNamespace_itShouldRefuseIt() {
    assertThatThrownBy(() -> new WorkerAccess("role", "envforge-worker", Set.of("local")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<namespace>/<name>");
  }
}
