package dev.envforge.workflows.codec;

import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys a codec may decode with, by key id, and the one it encodes with. The
 * applications read them where they load their configuration (a directory of key files, see {@code
 * envforge.codec.key-directory}) and hand them over as base64 text.
 */
public final class CodecKeys {

  static final int KEY_BYTES = 32;
  private static final String KEY_ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

  private final Map<String, SecretKey> keys;
  private final String activeKeyId;

  public CodecKeys(Map<String, byte[]> rawKeys, String activeKeyId) {
    if (rawKeys.isEmpty()) {
      throw new IllegalArgumentException("no codec keys: at least the active key is needed");
    }
    Map<String, SecretKey> checked = new TreeMap<>();
    rawKeys.forEach(
        (id, bytes) -> {
          if (!id.matches(KEY_ID_PATTERN)) {
            throw new IllegalArgumentException(
                "codec key id '" + id + "' must match " + KEY_ID_PATTERN);
          }
          if (bytes.length != KEY_BYTES) {
            // The length is safe to say; the bytes are not.
            throw new IllegalArgumentException(
                "codec key '" + id + "' has " + bytes.length + " bytes, AES-256 needs 32");
          }
          checked.put(id, new SecretKeySpec(bytes.clone(), "AES"));
        });
    if (activeKeyId == null || !checked.containsKey(activeKeyId)) {
      throw new IllegalArgumentException(
          "the active codec key id '"
              + activeKeyId
              + "' is not among the keys "
              + checked.keySet());
    }
    this.keys = Collections.unmodifiableMap(checked);
    this.activeKeyId = activeKeyId;
  }

  /**
   * Keys as they are stored: each one the base64 of 32 bytes, by key id. Surrounding white space (a
   * file's trailing newline) is ignored.
   */
  public static CodecKeys fromBase64(Map<String, String> base64ById, String activeKeyId) {
    Map<String, byte[]> raw = new TreeMap<>();
    base64ById.forEach(
        (id, base64) -> {
          try {
            raw.put(id, Base64.getDecoder().decode(base64.strip()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("codec key '" + id + "' is not base64");
          }
        });
    return new CodecKeys(raw, activeKeyId);
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  SecretKey active() {
    return keys.get(activeKeyId);
  }

  /** The key of the id, or null when this codec does not know it. */
  SecretKey byId(String keyId) {
    return keys.get(keyId);
  }

  public java.util.Set<String> ids() {
    return keys.keySet();
  }
}
