package dev.envforge.starter.config;

import dev.envforge.workflows.request.RequestLimits;
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
}
