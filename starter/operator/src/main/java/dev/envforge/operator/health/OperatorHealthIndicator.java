package dev.envforge.operator.health;

import dev.envforge.operator.config.OperatorLifecycle;
import io.javaoperatorsdk.operator.RuntimeInfo;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while the operator runs and every watch it holds on the API server is healthy; a watch that
 * keeps failing (lost rights, the CRD missing) is DOWN, so the probe tells the truth.
 */
@Component("operator")
public class OperatorHealthIndicator implements HealthIndicator {

  private final OperatorLifecycle lifecycle;

  public OperatorHealthIndicator(OperatorLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public Health health() {
    RuntimeInfo runtime = lifecycle.operator().getRuntimeInfo();
    if (!runtime.isStarted()) {
      return Health.down().withDetail("reason", "not started").build();
    }
    if (!runtime.allEventSourcesAreHealthy()) {
      return Health.down()
          .withDetail("unhealthy", runtime.unhealthyEventSources().keySet())
          .build();
    }
    return Health.up().build();
  }
}
