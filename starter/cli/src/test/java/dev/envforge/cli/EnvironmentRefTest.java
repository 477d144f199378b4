package dev.envforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvironmentRefTest {

  @Test
  void givenTeamSlashName_whenParsed_itShouldSplitIt() {
    assertThat(EnvironmentRef.parse("demo/web-1")).isEqualTo(new EnvironmentRef("demo", "web-1"));
  }

  @Test
  void givenOtherShapes_whenParsed_itShouldRefuse() {
    assertThatThrownBy(() -> EnvironmentRef.parse("demo")).hasMessageContaining("TEAM/NAME");
    assertThatThrownBy(() -> EnvironmentRef.parse("a/b/c")).hasMessageContaining("TEAM/NAME");
    assertThatThrownBy(() -> EnvironmentRef.parse("Demo/web")).hasMessageContaining("DNS labels");
    assertThatThrownBy(() -> EnvironmentRef.parse("demo/-x")).hasMessageContaining("DNS labels");
  }
}
