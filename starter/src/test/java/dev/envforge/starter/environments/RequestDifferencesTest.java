package dev.envforge.starter.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.request.Capability;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import org.junit.jupiter.api.Test;

class RequestDifferencesTest {

  private static EnvironmentRequest request(
      ClusterChoice cluster, Profile profile, DatabaseChoice database, String ttl) {
    return new EnvironmentRequest("payments", "checkout", cluster, profile, database, ttl);
  }

  @Test
  void givenDefaultsLeftOutOrSpelledOut_whenCompared_itShouldFindNoDifference() {
    EnvironmentRequest terse = request(null, null, null, "PT2H");
    EnvironmentRequest verbose =
        request(ClusterChoice.sharedDefault(), Profile.SMALL, DatabaseChoice.none(), "PT120M");

    assertThat(RequestDifferences.between(terse, verbose)).isEmpty();
  }

  @Test
  void givenCapabilities_whenCompared_itShouldIgnoreTheirOrderAndNameAChangedList() {
    EnvironmentRequest both = withCapabilities(Capability.STATESTORE, Capability.SECRETSTORE);
    EnvironmentRequest reordered = withCapabilities(Capability.SECRETSTORE, Capability.STATESTORE);
    EnvironmentRequest one = withCapabilities(Capability.SECRETSTORE);

    assertThat(RequestDifferences.between(both, reordered)).isEmpty();
    assertThat(RequestDifferences.between(both, one))
        .containsExactly(
            new FieldDifference("capabilities", "[secretstore,statestore]", "[secretstore]"));
  }

  private static EnvironmentRequest withCapabilities(Capability... capabilities) {
    return new EnvironmentRequest(
        "payments",
        "checkout",
        null,
        null,
        DatabaseChoice.postgres(null),
        null,
        false,
        java.util.List.of(capabilities));
  }

  @Test
  void givenKeepChanged_whenCompared_itShouldNameKeep() {
    EnvironmentRequest live = request(null, null, null, null);
    EnvironmentRequest kept =
        new EnvironmentRequest("payments", "checkout", null, null, null, null, true);

    assertThat(RequestDifferences.between(live, kept))
        .containsExactly(new FieldDifference("keep", "false", "true"));
  }

  @Test
  void givenEverySpecFieldChanged_whenCompared_itShouldNameEachWithBothValues() {
    EnvironmentRequest live =
        request(
            ClusterChoice.shared("local"),
            Profile.SMALL,
            DatabaseChoice.postgres(DatabaseDriver.DIRECT),
            "PT2H");
    EnvironmentRequest next =
        request(
            ClusterChoice.dedicated(),
            Profile.LARGE,
            DatabaseChoice.postgres(DatabaseDriver.CROSSPLANE),
            null);

    assertThat(RequestDifferences.between(live, next))
        .containsExactly(
            new FieldDifference("cluster.mode", "shared", "dedicated"),
            new FieldDifference("cluster.name", "local", null),
            new FieldDifference("profile", "small", "large"),
            new FieldDifference("database.driver", "direct", "crossplane"),
            new FieldDifference("ttl", "PT2H", null));
  }

  @Test
  void givenAPostgresDatabaseWithoutDriver_whenComparedWithDirect_itShouldFindNoDifference() {
    EnvironmentRequest implicit =
        request(
            null,
            null,
            new DatabaseChoice(dev.envforge.workflows.request.DatabaseKind.POSTGRES, null),
            null);
    EnvironmentRequest explicit =
        request(null, null, DatabaseChoice.postgres(DatabaseDriver.DIRECT), null);

    assertThat(RequestDifferences.between(implicit, explicit)).isEmpty();
  }
}
