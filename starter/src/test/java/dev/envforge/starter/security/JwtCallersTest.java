package dev.envforge.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JwtCallersTest {

  @Test
  void givenATeamsClaim_whenRead_itShouldAcceptAListOrASeparatedString() {
    assertThat(JwtCallers.teams(List.of("payments", "search")))
        .containsExactly("payments", "search");
    assertThat(JwtCallers.teams("payments search,ops"))
        .containsExactly("payments", "search", "ops");
    assertThat(JwtCallers.teams(42)).isEmpty();
    assertThat(JwtCallers.teams(null)).isEmpty();
  }
}
