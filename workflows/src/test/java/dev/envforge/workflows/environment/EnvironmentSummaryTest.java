package dev.envforge.workflows.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import org.junit.jupiter.api.Test;

class EnvironmentSummaryTest {

  @Test
  void givenARequest_whenSummarised_itShouldSayWhatTheEnvironmentIs() {
    EnvironmentRequest request =
        new EnvironmentRequest(
            "payments",
            "review",
            ClusterChoice.dedicated(),
            Profile.LARGE,
            DatabaseChoice.postgres(DatabaseDriver.CROSSPLANE),
            "P1D");

    assertThat(EnvironmentSummary.of(request))
        .isEqualTo(
            "Environment payments/review: dedicated cluster, large, postgres (crossplane), ttl P1D");
    assertThat(EnvironmentSummary.of(new EnvironmentRequest("a", "b", null, null, null, null)))
        .isEqualTo("Environment a/b: shared cluster (default), small, no database, ttl default");
  }
}
