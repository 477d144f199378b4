package dev.envforge.workflows.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.workflows.activities.SealedToken;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class SealedTokensTest {

  private static final String CREDENTIAL = "eyJhbGciOiJSUzI1NiJ9.payload.signature";

  @Test
  void givenASealedCredential_whenOpenedWithThePrivateKey_itShouldGiveItBack() {
    KeyPair keys = SealedTokens.newKeyPair();

    SealedToken sealed = SealedTokens.seal(SealedTokens.encode(keys.getPublic()), "g1", CREDENTIAL);

    assertThat(sealed.toString()).doesNotContain(CREDENTIAL).doesNotContain("payload");
    assertThat(SealedTokens.open(keys.getPrivate(), "g1", sealed)).isEqualTo(CREDENTIAL);
  }

  @Test
  void givenAnotherKeyOrAnotherGrant_whenOpened_itShouldFailWithoutSayingWhat() {
    KeyPair keys = SealedTokens.newKeyPair();
    SealedToken sealed = SealedTokens.seal(SealedTokens.encode(keys.getPublic()), "g1", CREDENTIAL);

    assertThatThrownBy(
            () -> SealedTokens.open(SealedTokens.newKeyPair().getPrivate(), "g1", sealed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(CREDENTIAL);
    assertThatThrownBy(() -> SealedTokens.open(keys.getPrivate(), "g2", sealed))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void givenGarbage_whenReadAsAPublicKey_itShouldNotBeReadable() {
    assertThat(SealedTokens.readable("bm90IGEga2V5")).isFalse();
    assertThat(SealedTokens.readable(null)).isFalse();
    assertThat(SealedTokens.readable(SealedTokens.encode(SealedTokens.newKeyPair().getPublic())))
        .isTrue();
  }
}
