package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.activities.DatabaseRef;
import org.junit.jupiter.api.Test;

class EnvironmentOutputsTest {

  @Test
  void givenEachStepsResult_whenAdded_itShouldKeepWhatEarlierStepsProduced() {
    EnvironmentOutputs outputs =
        EnvironmentOutputs.empty()
            .withCluster("local")
            .withNamespace("env-payments-review")
            .withDatabase(
                new DatabaseRef(
                    "127.0.0.1",
                    15432,
                    "env_payments_review",
                    "env_payments_review_user",
                    "envforge-database"));

    assertThat(outputs)
        .isEqualTo(
            new EnvironmentOutputs(
                "local",
                "env-payments-review",
                "envforge-database",
                "env_payments_review",
                "127.0.0.1",
                15432));
  }

  @Test
  void givenOutputs_whenAWitherIsUsed_itShouldChangeOnlyItsOwnFieldsAndLeaveTheOriginal() {
    EnvironmentOutputs placed = EnvironmentOutputs.empty().withCluster("local");

    EnvironmentOutputs moved = placed.withCluster("other");
    EnvironmentOutputs named = placed.withNamespace("env-a-b");

    assertThat(placed.cluster()).isEqualTo("local");
    assertThat(moved).isEqualTo(new EnvironmentOutputs("other", null, null, null, null, null));
    assertThat(named).isEqualTo(new EnvironmentOutputs("local", "env-a-b", null, null, null, null));
  }
}
