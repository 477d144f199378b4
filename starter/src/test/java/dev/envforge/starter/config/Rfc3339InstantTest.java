package dev.envforge.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339InstantTest {

  @ParameterizedTest
  @CsvSource({
    "2030-01-31T18:00:00Z, 2030-01-31T18:00:00Z",
    "2030-01-31t18:00:00.5z, 2030-01-31T18:00:00.500Z",
    "2030-01-31T18:00:00+01:00, 2030-01-31T17:00:00Z",
    "2030-01-31T18:00:00-22:56, 2030-02-01T16:56:00Z",
    "2030-01-31T18:00:00.1234567891234-00:00, 2030-01-31T18:00:00.123456789Z",
    "2016-12-31T23:59:60Z, 2017-01-01T00:00:00Z"
  })
  void givenAnyRfc3339DateTime_whenParsed_itShouldNameItsInstant(String text, String expected) {
    assertThat(Rfc3339Instant.parse(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2030-01-31",
        "2030-01-31T18:00:00",
        "2030-02-30T18:00:00Z",
        "2030-01-31T24:00:00Z",
        "2030-01-31T18:00:00+24:00",
        "2030-01-31T18:00:00+01:60",
        "2030-01-31 18:00:00Z",
        "1700000000"
      })
  void givenSomethingElse_whenParsed_itShouldRefuseIt(String text) {
    assertThat(Rfc3339Instant.parse(text)).isNull();
  }
}
