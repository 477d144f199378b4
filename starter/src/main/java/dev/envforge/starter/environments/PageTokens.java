package dev.envforge.starter.environments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Temporal's opaque next-page tokens, carried over HTTP as unpadded base64url. Each token is
 * prefixed with a fingerprint of the query it continues, so a token from another filter (or one
 * made up) is refused here with a 400 instead of puzzling the server.
 */
final class PageTokens {

  private static final int FINGERPRINT_BYTES = 8;

  private PageTokens() {}

  static String encode(String query, byte[] token) {
    if (token == null || token.length == 0) {
      return null;
    }
    byte[] framed =
        ByteBuffer.allocate(FINGERPRINT_BYTES + token.length)
            .put(fingerprint(query))
            .put(token)
            .array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(framed);
  }

  /** The server's token, or an empty one for the first page. */
  static byte[] decode(String query, String token) {
    if (token == null || token.isEmpty()) {
      return new byte[0];
    }
    byte[] framed;
    try {
      framed = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw notOurs();
    }
    if (framed.length <= FINGERPRINT_BYTES
        || !Arrays.equals(Arrays.copyOf(framed, FINGERPRINT_BYTES), fingerprint(query))) {
      throw notOurs();
    }
    return Arrays.copyOfRange(framed, FINGERPRINT_BYTES, framed.length);
  }

  private static InvalidRequestException notOurs() {
    return new InvalidRequestException(
        "pageToken", "is not a token from a previous page of the same team and phase");
  }

  private static byte[] fingerprint(String query) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, FINGERPRINT_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
