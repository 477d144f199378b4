package dev.envforge.activities.postgres;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatabaseSpecCheckTest {

  private static final EnvironmentLabels LABELS =
      new EnvironmentLabels("t-e", "t", "environment/t/e", Instant.EPOCH);

  @Test
  void givenACompleteSpec_whenChecked_itShouldPass() {
    assertThatCode(
            () ->
                DatabaseSpecCheck.validate(
                    new DatabaseSpec(ClusterRef.shared("c"), "t-e", "t_e", "t_e", "s", LABELS)))
        .doesNotThrowAnyException();
  }

  @Test
  void givenATooLongRoleName_whenChecked_itShouldBeAnInvalidRequest() {
    DatabaseSpec spec =
        new DatabaseSpec(ClusterRef.shared("c"), "t-e", "t_e", "r".repeat(64), "s", LABELS);

    assertThatThrownBy(() -> DatabaseSpecCheck.validate(spec))
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(((ApplicationFailure) e).getType())
                    .isEqualTo("INVALID_REQUEST"));
  }

  @Test
  void givenNoNamespace_whenChecked_itShouldBeAnInvalidRequest() {
    DatabaseSpec spec = new DatabaseSpec(ClusterRef.shared("c"), " ", "t_e", "t_e", "s", LABELS);

    assertThatThrownBy(() -> DatabaseSpecCheck.validate(spec))
        .isInstanceOf(ApplicationFailure.class);
  }
}
