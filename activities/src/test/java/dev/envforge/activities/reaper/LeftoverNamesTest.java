package dev.envforge.activities.reaper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the reaper ties a Postgres comment's environment id back to teams and workflows. */
class LeftoverNamesTest {

  @Test
  void givenAnIdWithDashesInTeamAndName_whenAskedForItsWorkflows_itShouldTryEverySplit() {
    assertThat(EnvironmentWorkflowIds.candidates("pay-ments-check-out"))
        .containsExactly(
            "environment/pay/ments-check-out",
            "environment/pay-ments/check-out",
            "environment/pay-ments-check/out");
    assertThat(EnvironmentWorkflowIds.candidates("nodash")).isEmpty();
  }

  @Test
  void givenConfiguredTeams_whenFiltering_itShouldLetOnlyTheirEnvironmentsThrough() {
    TeamFilter teams = TeamFilter.of(List.of("pay", "search-eu"));

    assertThat(teams.allows("pay")).isTrue();
    assertThat(teams.allows("payroll")).isFalse();
    assertThat(teams.allows(null)).isFalse();
    assertThat(teams.allowsEnvironment("pay-checkout")).isTrue();
    assertThat(teams.allowsEnvironment("search-eu-index")).isTrue();
    assertThat(teams.allowsEnvironment("payroll-x")).isFalse();
  }

  @Test
  void givenNoTeams_whenFiltering_itShouldLetEveryoneThrough() {
    TeamFilter everyone = TeamFilter.of(List.of());

    assertThat(everyone.allows("anyone")).isTrue();
    assertThat(everyone.allows(null)).isTrue();
    assertThat(everyone.allowsEnvironment("a-b")).isTrue();
  }
}
