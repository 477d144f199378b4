package dev.envforge.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresSqlTest {

  @Test
  void givenAPlainName_whenQuoted_itShouldBeDoubleQuotedAsIs() {
    assertThat(PostgresSql.identifier("team_env")).isEqualTo("\"team_env\"");
    assertThat(PostgresSql.identifier("MixedCase")).isEqualTo("\"MixedCase\"");
  }

  @Test
  void givenANameWithDoubleQuotes_whenQuoted_itShouldDoubleThem() {
    assertThat(PostgresSql.identifier("a\"; DROP ROLE x; --"))
        .isEqualTo("\"a\"\"; DROP ROLE x; --\"");
  }

  @Test
  void givenUnusableNames_whenQuoted_itShouldRefuseThem() {
    assertThatThrownBy(() -> PostgresSql.identifier(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresSql.identifier(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresSql.identifier("a\0b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresSql.identifier("x".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("63");
    // 63 bytes is allowed; 32 two-byte characters are 64 bytes and are not.
    assertThat(PostgresSql.identifier("x".repeat(63))).hasSize(65);
    assertThatThrownBy(() -> PostgresSql.identifier("é".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenTextWithQuotes_whenMadeALiteral_itShouldDoubleSingleQuotes() {
    assertThat(PostgresSql.literal("it's")).isEqualTo("'it''s'");
    assertThat(PostgresSql.literal("envforge:environment=a-b"))
        .isEqualTo("'envforge:environment=a-b'");
  }

  @Test
  void givenTextWithBackslashes_whenMadeALiteral_itShouldUseAnEscapeString() {
    assertThat(PostgresSql.literal("a\\'b")).isEqualTo("E'a\\\\''b'");
  }

  @Test
  void givenNames_whenStatementsAreBuilt_itShouldQuoteEveryIdentifier() {
    assertThat(PostgresSql.createRole("r")).isEqualTo("CREATE ROLE \"r\" LOGIN");
    assertThat(PostgresSql.createDatabase("d", "r")).isEqualTo("CREATE DATABASE \"d\" OWNER \"r\"");
    assertThat(PostgresSql.revokeAllFromPublic("d"))
        .isEqualTo("REVOKE ALL ON DATABASE \"d\" FROM PUBLIC");
    assertThat(PostgresSql.grantConnect("d", "r"))
        .isEqualTo("GRANT CONNECT ON DATABASE \"d\" TO \"r\"");
    assertThat(PostgresSql.commentOnRole("r", "c'x")).isEqualTo("COMMENT ON ROLE \"r\" IS 'c''x'");
    assertThat(PostgresSql.commentOnDatabase("d", "c"))
        .isEqualTo("COMMENT ON DATABASE \"d\" IS 'c'");
    assertThat(PostgresSql.dropDatabase("d"))
        .isEqualTo("DROP DATABASE IF EXISTS \"d\" WITH (FORCE)");
    assertThat(PostgresSql.dropRole("r")).isEqualTo("DROP ROLE IF EXISTS \"r\"");
    assertThat(PostgresSql.grantRoleToAdmin("r")).isEqualTo("GRANT \"r\" TO CURRENT_USER");
  }
}
