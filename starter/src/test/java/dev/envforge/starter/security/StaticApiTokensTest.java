package dev.envforge.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.starter.security.SecurityProperties.TokenEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticApiTokensTest {

  @Test
  void givenTheLiteralHashes_whenComputed_itShouldMatchTheTokens() {
    assertThat(StaticApiTokens.sha256Hex(TestTokens.ADMIN)).isEqualTo(TestTokens.ADMIN_SHA256);
    assertThat(StaticApiTokens.sha256Hex(TestTokens.PAYMENTS))
        .isEqualTo(TestTokens.PAYMENTS_SHA256);
    assertThat(StaticApiTokens.sha256Hex(TestTokens.SEARCH)).isEqualTo(TestTokens.SEARCH_SHA256);
  }

  @Test
  void givenAKnownToken_whenAuthenticated_itShouldBeItsEntrysCaller() {
    StaticApiTokens tokens =
        new StaticApiTokens(
            List.of(
                new TokenEntry(
                    "ci", StaticApiTokens.sha256Hex("s3cret"), Set.of("payments"), false),
                new TokenEntry("ops", StaticApiTokens.sha256Hex("other"), Set.of(), true)));

    assertThat(tokens.authenticate("s3cret")).hasValue(new Caller("ci", Set.of("payments"), false));
    assertThat(tokens.authenticate("other").orElseThrow().admin()).isTrue();
    assertThat(tokens.authenticate("s3cret ")).isEmpty();
    assertThat(tokens.authenticate(StaticApiTokens.sha256Hex("s3cret"))).isEmpty();
  }

  @Test
  void givenAnEntryWithoutAProperHash_whenLoaded_itShouldRefuseNamingTheEntry() {
    assertThatThrownBy(
            () ->
                new StaticApiTokens(List.of(new TokenEntry("ci", "plain-token", Set.of(), false))))
        .hasMessageContaining("'ci'")
        .hasMessageNotContaining("plain-token");
  }

  @Test
  void givenATokensFile_whenLoaded_itShouldAddItsEntries(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokens.json");
    Files.writeString(
        file,
        """
        [{"name":"bot","sha256":"%s","teams":["search"],"admin":false}]
        """
            .formatted(StaticApiTokens.sha256Hex("bot-token")));

    StaticApiTokens tokens =
        StaticApiTokens.from(new SecurityProperties(List.of(), file, null, null, false));

    assertThat(tokens.authenticate("bot-token").orElseThrow().teams()).containsExactly("search");
  }

  @Test
  void givenABrokenTokensFile_whenLoaded_itShouldNotQuoteItsContent(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tokens.json");
    Files.writeString(file, "{\"name\":\"bot\",\"sha256\":\"leaky-secret\"");

    assertThatThrownBy(
            () -> StaticApiTokens.from(new SecurityProperties(List.of(), file, null, null, false)))
        .hasMessageContaining("tokens.json")
        .hasMessageNotContaining("leaky-secret");
  }
}
