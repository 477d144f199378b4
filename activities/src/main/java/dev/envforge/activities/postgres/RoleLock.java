package dev.envforge.activities.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Postgres advisory lock that serialises envforge's work on one role across workers. Public so
 * that another session (an operator's, a test's) can hold a role's lock and so pause envforge's
 * work on that role until it lets go.
 */
public final class RoleLock {

  private RoleLock() {}

  /** A stable 64-bit key per role, the same on every worker and JVM. */
  public static long key(String roleName) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("envforge/role/" + roleName).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
