package dev.envforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class HumanDurationsTest {

  @Test
  void givenHumanAndIsoText_whenParsed_itShouldGiveTheDuration() {
    assertThat(HumanDurations.parse("8h")).isEqualTo(Duration.ofHours(8));
    assertThat(HumanDurations.parse("90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(HumanDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(HumanDurations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(HumanDurations.parse("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(HumanDurations.parse("PT8H")).isEqualTo(Duration.ofHours(8));
    assertThat(HumanDurations.parse("pt90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(HumanDurations.parse("P2D")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void givenNonsense_whenParsed_itShouldRefuseWithTheText() {
    assertThatThrownBy(() -> HumanDurations.parse("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'soon' is not a duration");
    assertThatThrownBy(() -> HumanDurations.parse("0m")).hasMessageContaining("not a positive");
    assertThatThrownBy(() -> HumanDurations.parse("-PT1H")).hasMessageContaining("not a positive");
    assertThatThrownBy(() -> HumanDurations.parse("8x")).hasMessageContaining("not a duration");
  }

  @Test
  void givenDurations_whenFormatted_itShouldShowTheTwoLargestUnits() {
    assertThat(HumanDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(HumanDurations.format(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(HumanDurations.format(Duration.ofSeconds(65))).isEqualTo("1m05s");
    assertThat(HumanDurations.format(Duration.ofMinutes(479))).isEqualTo("7h59m");
    assertThat(HumanDurations.format(Duration.ofHours(8))).isEqualTo("8h");
    assertThat(HumanDurations.format(Duration.ofHours(51))).isEqualTo("2d3h");
  }
}
