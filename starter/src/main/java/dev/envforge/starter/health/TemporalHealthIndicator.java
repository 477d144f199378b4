package dev.envforge.starter.health;

import dev.envforge.starter.temporal.TemporalServer;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether Temporal answers: without it the API can neither start nor read environments, so the
 * readiness group includes this check and takes the instance out of rotation while it fails.
 */
@Component("temporal")
public class TemporalHealthIndicator implements HealthIndicator {

  // Short, so that a probe answers within a load balancer's patience even if Temporal hangs.
  private static final Duration DEADLINE = Duration.ofSeconds(2);

  private final TemporalServer temporal;

  public TemporalHealthIndicator(TemporalServer temporal) {
    this.temporal = temporal;
  }

  @Override
  public Health health() {
    try {
      temporal.ping(DEADLINE);
      return Health.up().withDetail("namespace", temporal.namespace()).build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
    }
  }
}
