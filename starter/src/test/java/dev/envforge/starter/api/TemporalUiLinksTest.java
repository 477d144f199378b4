package dev.envforge.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemporalUiLinksTest {

  @Test
  void givenABaseWithATrailingSlash_whenLinked_itShouldEncodeTheIdIntoOneSegment() {
    TemporalUiLinks links = new TemporalUiLinks("https://temporal.example/", () -> "team space");

    assertThat(links.run("environment/payments/checkout", "r-1"))
        .isEqualTo(
            "https://temporal.example/namespaces/team%20space/workflows/"
                + "environment%2Fpayments%2Fcheckout/r-1/history");
  }
}
