package dev.envforge.starter.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageTokensTest {

  private static final String QUERY = "WorkflowType = 'EnvironmentWorkflow' AND EnvTeam = 'a'";

  @Test
  void givenAServerToken_whenEncodedAndDecoded_itShouldComeBackUnchanged() {
    byte[] server = {0, -1, 42, 7, 127, -128};

    String token = PageTokens.encode(QUERY, server);

    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(PageTokens.decode(QUERY, token)).isEqualTo(server);
  }

  @Test
  void givenTheLastPage_whenEncoded_itShouldGiveNoToken() {
    assertThat(PageTokens.encode(QUERY, new byte[0])).isNull();
    assertThat(PageTokens.decode(QUERY, null)).isEmpty();
  }

  @Test
  void givenATokenOfAnotherQuery_whenDecoded_itShouldBeRefusedNamingPageToken() {
    String token = PageTokens.encode(QUERY, new byte[] {1, 2, 3});

    assertThatThrownBy(() -> PageTokens.decode(QUERY + " AND EnvPhase = 'READY'", token))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("pageToken"));
  }

  @Test
  void givenGarbage_whenDecoded_itShouldBeRefused() {
    assertThatThrownBy(() -> PageTokens.decode(QUERY, "%%%"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> PageTokens.decode(QUERY, "AAAA"))
        .isInstanceOf(InvalidRequestException.class);
  }
}
