package dev.envforge.worker.codec;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Payload encryption; the API must have the same keys.
 *
 * @param enabled encrypt every payload the worker writes and decrypt what it reads
 * @param keyDirectory one file per key: name = key id, content = base64 of a 32-byte AES key
 * @param activeKeyId the key new payloads are encrypted with; the others still decrypt
 */
@ConfigurationProperties("envforge.codec")
public record WorkerCodecProperties(boolean enabled, Path keyDirectory, String activeKeyId) {}
