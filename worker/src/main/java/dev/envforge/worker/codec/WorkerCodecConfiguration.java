package dev.envforge.worker.codec;

import dev.envforge.workflows.codec.CodecKeys;
import dev.envforge.workflows.codec.EncryptedDataConverter;
import io.temporal.common.converter.DataConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code envforge.codec.enabled=true} the worker encrypts every payload it hands Temporal
 * (results, query answers, failures, details). The Temporal starter picks up the context's one
 * DataConverter bean, {@code mainDataConverter}, for its client and workers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerCodecProperties.class)
@ConditionalOnProperty(name = "envforge.codec.enabled", havingValue = "true")
public class WorkerCodecConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WorkerCodecConfiguration.class);

  @Bean
  DataConverter mainDataConverter(WorkerCodecProperties properties) {
    if (properties.keyDirectory() == null) {
      throw new IllegalStateException(
          "envforge.codec.key-directory must be set when envforge.codec.enabled is true");
    }
    CodecKeys keys = CodecKeys.fromDirectory(properties.keyDirectory(), properties.activeKeyId());
    log.info(
        "payloads are encrypted with key '{}'; keys known for decoding: {}",
        keys.activeKeyId(),
        keys.ids());
    return EncryptedDataConverter.create(keys);
  }
}
