package dev.envforge.worker.codec;

import dev.envforge.worker.config.EnvforgeWorkerProperties;
import dev.envforge.workflows.codec.CodecKeys;
import dev.envforge.workflows.codec.EncryptedDataConverter;
import dev.envforge.workflows.settings.CodecProperties;
import io.temporal.common.converter.DataConverter;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code envforge.codec.enabled=true} the worker encrypts every payload it hands Temporal
 * (results, query answers, failures, details). The Temporal starter picks up the context's one
 * DataConverter bean, {@code mainDataConverter}, for its client and workers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnvforgeWorkerProperties.class)
@ConditionalOnProperty(name = "envforge.codec.enabled", havingValue = "true")
public class WorkerCodecConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WorkerCodecConfiguration.class);

  @Bean
  DataConverter mainDataConverter(EnvforgeWorkerProperties properties) {
    CodecProperties codec = properties.shared().codec();
    // The key directory, read as Spring reads a mounted config tree: one file per key, hidden
    // entries (a mounted Secret's own ..data links) skipped.
    ConfigTreePropertySource files =
        new ConfigTreePropertySource("envforge.codec.key-directory", codec.keyDirectory());
    CodecKeys keys =
        CodecKeys.fromBase64(
            Arrays.stream(files.getPropertyNames())
                .collect(Collectors.toMap(id -> id, id -> files.getProperty(id).toString())),
            codec.activeKeyId());
    log.info(
        "payloads are encrypted with key '{}'; keys known for decoding: {}",
        keys.activeKeyId(),
        keys.ids());
    return EncryptedDataConverter.create(keys);
  }
}
