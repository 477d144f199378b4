package dev.envforge.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

  @Test
  void givenTheGenerator_whenAskedForPasswords_itShouldGive32UrlSafeCharactersNeverRepeated() {
    PasswordGenerator generator = new PasswordGenerator();
    Set<String> seen = new HashSet<>();

    for (int i = 0; i < 1000; i++) {
      String password = generator.generate();
      assertThat(password).hasSize(32).matches("[A-Za-z0-9_-]+");
      seen.add(password);
    }

    assertThat(seen).hasSize(1000);
  }
}
