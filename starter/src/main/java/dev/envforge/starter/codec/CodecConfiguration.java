package dev.envforge.starter.codec;

import dev.envforge.workflows.codec.AesGcmPayloadCodec;
import dev.envforge.workflows.codec.CodecKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The codec endpoint's payload codec, with the keys the API's own client encrypts with (see {@link
 * PayloadEncryptionConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "envforge.codec.enabled", havingValue = "true")
public class CodecConfiguration {

  @Bean
  AesGcmPayloadCodec payloadCodec(CodecKeys keys) {
    return new AesGcmPayloadCodec(keys);
  }
}
