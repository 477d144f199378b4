package dev.envforge.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnershipTest {

  private static final String ENV = "team-env";
  private static final String OURS = OwnershipComment.of(ENV);

  @Test
  void givenNoRole_whenJudged_itShouldBeAbsent() {
    assertThat(Ownership.ofRole(Optional.empty(), ENV)).isEqualTo(Ownership.ABSENT);
  }

  @Test
  void givenARoleCommentedForThisEnvironment_whenJudged_itShouldBeOurs() {
    assertThat(Ownership.ofRole(Optional.of(new ExistingRole("r", OURS)), ENV))
        .isEqualTo(Ownership.OURS);
  }

  @Test
  void givenARoleCommentedForAnotherEnvironmentOrNotAtAll_whenJudged_itShouldBeForeign() {
    assertThat(
            Ownership.ofRole(
                Optional.of(new ExistingRole("r", OwnershipComment.of("team-other"))), ENV))
        .isEqualTo(Ownership.FOREIGN);
    assertThat(Ownership.ofRole(Optional.of(new ExistingRole("r", null)), ENV))
        .isEqualTo(Ownership.FOREIGN);
    assertThat(Ownership.ofRole(Optional.of(new ExistingRole("r", "hand made")), ENV))
        .isEqualTo(Ownership.FOREIGN);
    // A prefix of our id is another environment.
    assertThat(
            Ownership.ofRole(Optional.of(new ExistingRole("r", OwnershipComment.of("team"))), ENV))
        .isEqualTo(Ownership.FOREIGN);
  }

  @Test
  void givenAnUncommentedDatabaseOwnedByOurRole_whenJudged_itShouldBeOurs() {
    Optional<ExistingDatabase> database = Optional.of(new ExistingDatabase("d", "r", null));

    assertThat(Ownership.ofDatabase(database, "r", Ownership.OURS, ENV)).isEqualTo(Ownership.OURS);
  }

  @Test
  void givenAnUncommentedDatabaseOfAnotherOwner_whenJudged_itShouldBeForeign() {
    assertThat(
            Ownership.ofDatabase(
                Optional.of(new ExistingDatabase("d", "postgres", null)), "r", Ownership.OURS, ENV))
        .isEqualTo(Ownership.FOREIGN);
    // Owned by a role of that name that is not ours: still foreign.
    assertThat(
            Ownership.ofDatabase(
                Optional.of(new ExistingDatabase("d", "r", null)), "r", Ownership.FOREIGN, ENV))
        .isEqualTo(Ownership.FOREIGN);
  }

  @Test
  void givenADatabaseCommentedForAnotherEnvironment_whenJudged_itShouldBeForeignWhoeverOwnsIt() {
    Optional<ExistingDatabase> database =
        Optional.of(new ExistingDatabase("d", "r", OwnershipComment.of("team-other")));

    assertThat(Ownership.ofDatabase(database, "r", Ownership.OURS, ENV))
        .isEqualTo(Ownership.FOREIGN);
  }

  @Test
  void givenADatabaseCommentedForThisEnvironment_whenJudged_itShouldBeOurs() {
    assertThat(
            Ownership.ofDatabase(
                Optional.of(new ExistingDatabase("d", "postgres", OURS)),
                "r",
                Ownership.ABSENT,
                ENV))
        .isEqualTo(Ownership.OURS);
    assertThat(Ownership.ofDatabase(Optional.empty(), "r", Ownership.OURS, ENV))
        .isEqualTo(Ownership.ABSENT);
  }

  @Test
  void givenComments_whenDescribed_itShouldNameTheEnvironmentOrSayNone() {
    assertThat(OwnershipComment.describeOwner(OwnershipComment.of("a-b")))
        .isEqualTo("environment 'a-b'");
    assertThat(OwnershipComment.describeOwner(null)).isEqualTo("no envforge environment");
    assertThat(OwnershipComment.environmentOf("something else")).isEmpty();
  }
}
