package dev.envforge.workflows.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code envforge.codec.*}: payload encryption. The worker and the API bind this same block and
 * must hold the same keys, or one cannot read what the other wrote.
 *
 * @param enabled encrypt every payload handed to Temporal and decrypt what comes back
 * @param keyDirectory one file per key: the file's name is the key id, its content the base64 of a
 *     32-byte AES key (a Kubernetes Secret mounted as a volume); required when enabled
 * @param activeKeyId the key new payloads are encrypted with; the others still decrypt
 * @param uiOrigins the API's alone: browser origins (the Temporal UI) allowed to call {@code
 *     /codec/*}
 */
public record CodecProperties(
    Boolean enabled, Path keyDirectory, String activeKeyId, List<String> uiOrigins) {

  public CodecProperties {
    enabled = enabled != null && enabled;
    activeKeyId = activeKeyId == null || activeKeyId.isBlank() ? null : activeKeyId;
    uiOrigins =
        uiOrigins == null || uiOrigins.isEmpty()
            ? List.of("http://127.0.0.1:8233", "http://localhost:8233")
            : List.copyOf(uiOrigins);
    if (enabled && keyDirectory == null) {
      throw new IllegalArgumentException(
          "envforge.codec.key-directory must be set when envforge.codec.enabled is true");
    }
  }

  /** Encryption off, the default. */
  public static CodecProperties disabled() {
    return new CodecProperties(false, null, null, null);
  }
}
