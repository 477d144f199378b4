package dev.envforge.starter.config;

import dev.envforge.starter.temporal.TemporalCallSettings;
import dev.envforge.workflows.request.RequestLimits;
import dev.envforge.workflows.settings.CodecProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnvforgeProperties.class)
public class StarterConfiguration {

  @Bean
  RequestLimits requestLimits(EnvforgeProperties properties) {
    return properties.limits();
  }

  /** What the shared Temporal gateway needs of the API's settings. */
  @Bean
  TemporalCallSettings temporalCallSettings(EnvforgeProperties properties) {
    return new TemporalCallSettings(
        properties.taskQueue(), properties.queryTimeout(), properties.updateTimeout());
  }

  /** The codec settings on their own, for the codec endpoint and its CORS rule. */
  @Bean
  CodecProperties codecProperties(EnvforgeProperties properties) {
    return properties.shared().codec();
  }
}
