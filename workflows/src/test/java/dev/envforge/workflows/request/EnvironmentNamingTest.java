package dev.envforge.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentNamingTest {

  @Test
  void givenATeamAndName_whenNamed_itShouldFollowTheSharedConventions() {
    assertThat(EnvironmentNaming.workflowId("payments", "review"))
        .isEqualTo("environment/payments/review");
    assertThat(EnvironmentNaming.environmentId("payments", "review")).isEqualTo("payments-review");
    assertThat(EnvironmentNaming.namespace("env-", "payments", "review"))
        .isEqualTo("env-payments-review");
    assertThat(EnvironmentNaming.dedicatedClusterName("payments-review"))
        .isEqualTo("envforge-payments-review");
  }

  @Test
  void givenANamespace_whenTurnedIntoAPostgresName_itShouldUseUnderscoresAndStartWithALetter() {
    assertThat(EnvironmentNaming.postgresName("env-payments-review"))
        .isEqualTo("env_payments_review");
    assertThat(EnvironmentNaming.postgresName("42-review")).isEqualTo("env_42_review");
    assertThat(EnvironmentNaming.postgresName("9" + "a".repeat(62))).hasSize(63);
  }
}
