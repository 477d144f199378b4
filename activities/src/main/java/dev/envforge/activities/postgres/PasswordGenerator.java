package dev.envforge.activities.postgres;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Database passwords: 192 random bits as 32 URL-safe characters, so they need no escaping in a URI,
 * a shell or a SQL literal.
 */
public final class PasswordGenerator {

  private static final int RANDOM_BYTES = 24;

  private final SecureRandom random = new SecureRandom();

  public String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
