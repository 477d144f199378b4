package dev.envforge.starter.environments;

import java.util.Base64;

/** Temporal's opaque next-page tokens, carried over HTTP as unpadded base64url. */
final class PageTokens {

  private PageTokens() {}

  static String encode(byte[] token) {
    return token == null || token.length == 0
        ? null
        : Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  static byte[] decode(String token) {
    if (token == null || token.isEmpty()) {
      return new byte[0];
    }
    try {
      return Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("pageToken", "is not a token from a previous page");
    }
  }
}
