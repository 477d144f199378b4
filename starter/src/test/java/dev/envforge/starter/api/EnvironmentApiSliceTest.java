package dev.envforge.starter.api;

import dev.envforge.starter.config.StarterConfiguration;
import dev.envforge.starter.config.StrictJsonConfiguration;
import dev.envforge.starter.environments.EnvironmentService;
import dev.envforge.starter.metrics.TimeToReadyRecorder;
import dev.envforge.starter.quota.TeamQuota;
import dev.envforge.starter.security.SecurityConfiguration;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.EnvironmentVisibility;
import dev.envforge.starter.temporal.TemporalServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The environment API's web slice over a mocked Temporal: the environment controller with the real
 * security, JSON, service and event classes, a meter registry of its own, and mocks of the Temporal
 * gateway ({@link EnvironmentRuns}, {@link EnvironmentVisibility}, {@link TemporalServer}) and of
 * {@link TeamQuota} (reset after each test) that a test autowires to stub. Tokens and limits are
 * each test's own properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(EnvironmentController.class)
@Import({
  SecurityConfiguration.class,
  StarterConfiguration.class,
  StrictJsonConfiguration.class,
  EnvironmentService.class,
  EnvironmentEventPublisher.class,
  TemporalUiLinks.class,
  TimeToReadyRecorder.class,
  EnvironmentApiSliceTest.Metrics.class
})
@MockitoBean(
    types = {
      EnvironmentRuns.class,
      EnvironmentVisibility.class,
      TemporalServer.class,
      TeamQuota.class
    })
public @interface EnvironmentApiSliceTest {

  /** The slice has no metrics auto-configuration; the recorder still needs a registry. */
  @TestConfiguration
  class Metrics {
    @Bean
    @Primary
    MeterRegistry testMeterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
