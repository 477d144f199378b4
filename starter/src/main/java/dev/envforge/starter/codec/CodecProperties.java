package dev.envforge.starter.codec;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Payload encryption, shared with the worker (which must have the same keys).
 *
 * @param enabled encrypt what the API sends to Temporal and decrypt what it reads
 * @param keyDirectory one file per key: the file's name is the key id, its content the base64 of a
 *     32-byte AES key (a Kubernetes Secret mounted as a volume)
 * @param activeKeyId the key new payloads are encrypted with; the others still decrypt
 * @param uiOrigins browser origins (the Temporal UI) allowed to call {@code /codec/*}
 */
@ConfigurationProperties("envforge.codec")
public record CodecProperties(
    boolean enabled, Path keyDirectory, String activeKeyId, List<String> uiOrigins) {

  public CodecProperties {
    uiOrigins =
        uiOrigins == null
            ? List.of("http://127.0.0.1:8233", "http://localhost:8233")
            : List.copyOf(uiOrigins);
  }
}
