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
  void givenAnEnvironmentWorkflowId_whenParsed_itShouldGiveBackTeamAndName() {
    assertThat(EnvironmentNaming.parseWorkflowId(EnvironmentNaming.workflowId("payments", "a-b")))
        .contains(new EnvironmentNaming.TeamAndName("payments", "a-b"));
    assertThat(
            EnvironmentNaming.parseWorkflowId("environment/payments/review")
                .map(EnvironmentNaming.TeamAndName::environmentId))
        .contains("payments-review");
  }

  @Test
  void givenAnotherWorkflowId_whenParsed_itShouldGiveNothing() {
    assertThat(EnvironmentNaming.parseWorkflowId("team-quota/payments")).isEmpty();
    assertThat(EnvironmentNaming.parseWorkflowId("environment/payments")).isEmpty();
    assertThat(EnvironmentNaming.parseWorkflowId("envforge-reaper/manual-1/x")).isEmpty();
    assertThat(EnvironmentNaming.parseWorkflowId(null)).isEmpty();
  }

  @Test
  void givenANamespace_whenTurnedIntoAPostgresName_itShouldUseUnderscoresAndStartWithALetter() {
    assertThat(EnvironmentNaming.postgresName("env-payments-review"))
        .isEqualTo("env_payments_review");
    assertThat(EnvironmentNaming.postgresName("42-review")).isEqualTo("env_42_review");
    assertThat(EnvironmentNaming.postgresName("9" + "a".repeat(62))).hasSize(63);
  }
}
