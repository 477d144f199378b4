package dev.envforge.workflows.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envforge.workflows.environment.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one place where steps declare what they leave behind. */
class LeftoversTest {

  @ParameterizedTest
  @EnumSource(Step.class)
  void givenAnyStep_whenAsked_itShouldDeclareWhatItLeavesBehind(Step step) {
    assertThat(Leftovers.of(step)).isNotEmpty();
  }

  @Test
  void givenEveryDeclaration_whenListed_itShouldNameEachKindOnce() {
    assertThat(Leftovers.all())
        .extracting(LeftoverDeclaration::kind)
        .doesNotHaveDuplicates()
        .contains("namespace", "postgres", "xenvcluster", "resourcequota", "connection-secret");
  }

  @Test
  void givenTheDeclarations_whenTheManagementClusterIsSwept_itShouldSearchOnlyForItsOwnKinds() {
    assertThat(Leftovers.inManagementCluster())
        .containsExactly(Leftovers.DEDICATED_CLUSTER, Leftovers.ARGOCD_PROJECT)
        .allSatisfy(d -> assertThat(d.sweptOnItsOwn()).isTrue());
    assertThat(Leftovers.of(Step.GUARDRAILS))
        .allSatisfy(d -> assertThat(d.sweptOnItsOwn()).isFalse());
  }

  @Test
  void givenArgoCdsNamespace_whenTheManagementClusterIsSwept_itShouldSearchItsRegistrationsThere() {
    assertThat(Leftovers.inManagementCluster("gitops"))
        .extracting(LeftoverDeclaration::kind, LeftoverDeclaration::namespace)
        .containsExactly(tuple("xenvcluster", null), tuple("argocd-appproject", "gitops"));
  }

  @Test
  void givenRegistrationOff_whenTheManagementClusterIsSwept_itShouldNotSearchArgoCdsNamespace() {
    assertThat(Leftovers.inManagementCluster(null)).containsExactly(Leftovers.DEDICATED_CLUSTER);
  }

  @Test
  void givenABadDeclaration_whenMade_itShouldBeRefused() {
    assertThatThrownBy(
            () ->
                LeftoverDeclaration.inManagementCluster(
                    "Argo Project", "argoproj.io/v1alpha1", "AppProject", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower case");
    assertThatThrownBy(() -> LeftoverDeclaration.inManagementCluster("x", null, "X", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiVersion");
  }
}
