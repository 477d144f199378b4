package dev.envforge.workflows.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys a codec may decode with, by key id, and the one it encodes with. Keys are read
 * from a directory in which every regular file's name is a key id and its content the base64 of 32
 * bytes: exactly what a Kubernetes Secret mounted as a volume looks like. Names starting with a dot
 * (the volume's own {@code ..data} links) are not keys.
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

  /** Reads every key file of the directory; see the class comment for its layout. */
  public static CodecKeys fromDirectory(Path directory, String activeKeyId) {
    Map<String, byte[]> raw = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String id = file.getFileName().toString();
        if (id.startsWith(".") || !Files.isRegularFile(file)) {
          continue;
        }
        String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
          raw.put(id, Base64.getDecoder().decode(content));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("codec key file '" + id + "' is not base64");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the codec keys in " + directory, e);
    }
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
