package dev.envforge.starter.codec;

import dev.envforge.workflows.codec.CodecKeys;
import dev.envforge.workflows.codec.EncryptedDataConverter;
import dev.envforge.workflows.settings.CodecProperties;
import io.temporal.common.converter.DataConverter;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code envforge.codec.enabled=true}, everything a starting-side application hands Temporal
 * is encrypted: the Temporal starter uses the one DataConverter bean of the context (by the name
 * {@code mainDataConverter} if there were several) for its client. Each application supplies the
 * {@link CodecProperties} bean from its own settings.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "envforge.codec.enabled", havingValue = "true")
public class PayloadEncryptionConfiguration {

  /**
   * The key directory, read as Spring reads a mounted config tree: one file per key, hidden entries
   * (a mounted Secret's own {@code ..data} links) skipped.
   */
  @Bean
  CodecKeys codecKeys(CodecProperties codec) {
    ConfigTreePropertySource files =
        new ConfigTreePropertySource("envforge.codec.key-directory", codec.keyDirectory());
    return CodecKeys.fromBase64(
        Arrays.stream(files.getPropertyNames())
            .collect(Collectors.toMap(id -> id, id -> files.getProperty(id).toString())),
        codec.activeKeyId());
  }

  @Bean
  DataConverter mainDataConverter(CodecKeys keys) {
    return EncryptedDataConverter.create(keys);
  }
}
