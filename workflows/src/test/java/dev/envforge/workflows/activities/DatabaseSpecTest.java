package dev.envforge.workflows.activities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.request.EnvironmentNaming;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatabaseSpecTest {

  private static final EnvironmentLabels LABELS =
      new EnvironmentLabels(
          "payments-review",
          "payments",
          "environment/payments/review",
          Instant.parse("2030-01-01T12:00:00Z"));

  @Test
  void givenANamespace_whenTheDatabaseIsNamed_itShouldFollowTheNamespaceAndTheFixedSecret() {
    DatabaseSpec spec =
        DatabaseSpec.ofNamespace(ClusterRef.shared("local"), "env-payments-review", LABELS);

    assertThat(spec)
        .isEqualTo(
            new DatabaseSpec(
                ClusterRef.shared("local"),
                "env-payments-review",
                "env_payments_review",
                "env_payments_review",
                EnvironmentNaming.CONNECTION_SECRET_NAME,
                LABELS));
  }

  @Test
  void givenANamespaceStartingWithADigit_whenTheDatabaseIsNamed_itShouldBeAValidPostgresName() {
    DatabaseSpec spec = DatabaseSpec.ofNamespace(ClusterRef.shared("local"), "1-team-x", LABELS);

    assertThat(spec.databaseName()).isEqualTo("env_1_team_x").isEqualTo(spec.roleName());
  }
}
