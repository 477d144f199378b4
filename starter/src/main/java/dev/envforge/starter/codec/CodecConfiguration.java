package dev.envforge.starter.codec;

import dev.envforge.workflows.codec.AesGcmPayloadCodec;
import dev.envforge.workflows.codec.CodecKeys;
import dev.envforge.workflows.codec.EncryptedDataConverter;
import io.temporal.common.converter.DataConverter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code envforge.codec.enabled=true}, everything the API hands Temporal is encrypted: the
 * Temporal starter uses the one DataConverter bean of the context (by the name {@code
 * mainDataConverter} if there were several) for its client.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "envforge.codec.enabled", havingValue = "true")
public class CodecConfiguration {

  @Bean
  CodecKeys codecKeys(CodecProperties properties) {
    if (properties.keyDirectory() == null) {
      throw new IllegalStateException(
          "envforge.codec.key-directory must be set when envforge.codec.enabled is true");
    }
    return CodecKeys.fromDirectory(properties.keyDirectory(), properties.activeKeyId());
  }

  @Bean
  DataConverter mainDataConverter(CodecKeys keys) {
    return EncryptedDataConverter.create(keys);
  }

  @Bean
  AesGcmPayloadCodec payloadCodec(CodecKeys keys) {
    return new AesGcmPayloadCodec(keys);
  }
}
