package dev.envforge.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.operator.resource.EnvironmentSpec;
import dev.envforge.operator.resource.EnvironmentSpec.ClusterSpec;
import dev.envforge.operator.resource.EnvironmentSpec.DatabaseSpec;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.DatabaseKind;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.FieldError;
import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.RequestLimits;
import dev.envforge.workflows.settings.TtlProperties;
import org.junit.jupiter.api.Test;

class SpecTranslationTest {

  private static final RequestLimits LIMITS =
      new RequestLimits("env-", new TtlProperties().policy());

  @Test
  void givenAFullSpec_itShouldBecomeTheApisRequestForTheNamespacesTeam() {
    EnvironmentSpec spec =
        new EnvironmentSpec(
            null,
            "medium",
            new ClusterSpec("shared", "local"),
            new DatabaseSpec("postgres", "crossplane"),
            "PT4H",
            null);

    SpecTranslation.Translated translated =
        SpecTranslation.toRequest("payments", "checkout", spec, LIMITS);

    assertThat(translated.errors()).isEmpty();
    EnvironmentRequest request = translated.request();
    assertThat(request.team()).isEqualTo("payments");
    assertThat(request.name()).isEqualTo("checkout");
    assertThat(request.profile()).isEqualTo(Profile.MEDIUM);
    assertThat(request.cluster().mode()).isEqualTo(ClusterMode.SHARED);
    assertThat(request.cluster().name()).isEqualTo("local");
    assertThat(request.database().kind()).isEqualTo(DatabaseKind.POSTGRES);
    assertThat(request.database().driver()).isEqualTo(DatabaseDriver.CROSSPLANE);
    assertThat(request.ttl()).isEqualTo("PT4H");
    assertThat(request.keep()).isFalse();
  }

  @Test
  void givenAnEmptySpec_itShouldLeaveEveryDefaultToTheWorkflowLikeTheApi() {
    SpecTranslation.Translated translated =
        SpecTranslation.toRequest("payments", "checkout", null, LIMITS);

    assertThat(translated.valid()).isTrue();
    assertThat(translated.request())
        .isEqualTo(new EnvironmentRequest("payments", "checkout", null, null, null, null, false));
  }

  @Test
  void givenAnUnknownSpelling_itShouldNameTheFieldAndTheAllowedValues() {
    EnvironmentSpec spec =
        new EnvironmentSpec(null, "SMALL", new ClusterSpec("edge", null), null, null, null);

    SpecTranslation.Translated translated =
        SpecTranslation.toRequest("payments", "checkout", spec, LIMITS);

    assertThat(translated.errors())
        .containsExactly(
            new FieldError("spec.profile", "must be one of small, medium, large"),
            new FieldError("spec.cluster.mode", "must be one of shared, dedicated"));
  }

  @Test
  void givenATtlBeyondThePolicy_itShouldBeRefusedAsTheApiRefusesIt() {
    EnvironmentSpec spec = new EnvironmentSpec(null, null, null, null, "P30D", null);

    SpecTranslation.Translated translated =
        SpecTranslation.toRequest("payments", "checkout", spec, LIMITS);

    assertThat(translated.errors()).extracting(FieldError::field).containsExactly("spec.ttl");
  }

  @Test
  void givenANameTooLongForTheNamespace_itShouldBlameTheResourcesName() {
    String name = "n".repeat(60);

    SpecTranslation.Translated translated =
        SpecTranslation.toRequest("payments", name, null, LIMITS);

    assertThat(translated.errors()).extracting(FieldError::field).containsExactly("metadata.name");
  }
}
