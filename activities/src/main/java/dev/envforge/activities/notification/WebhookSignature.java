package dev.envforge.activities.notification;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature header of webhook notifications: {@code X-Envforge-Signature: sha256=<hex>}, the
 * lower-case hex HMAC-SHA256 of the exact request body under the shared key. Pure.
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Envforge-Signature";
  static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  public static String header(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The key as a file holds it: its bytes, without trailing line breaks or spaces. */
  public static byte[] keyFromFile(byte[] content) {
    int end = content.length;
    while (end > 0
        && (content[end - 1] == '\n' || content[end - 1] == '\r' || content[end - 1] == ' ')) {
      end--;
    }
    return Arrays.copyOf(content, end);
  }
}
