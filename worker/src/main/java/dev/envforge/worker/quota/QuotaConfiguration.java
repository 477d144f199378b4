package dev.envforge.worker.quota;

import dev.envforge.activities.quota.VisibilityTeamQuotaActivities;
import dev.envforge.activities.reaper.TemporalEnvironmentRuns;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The team quota's reconciliation listing. The bean name is the one the Temporal worker registers
 * (see {@code spring.temporal.workers} in application.yaml).
 */
@Configuration(proxyBeanMethods = false)
public class QuotaConfiguration {

  @Bean
  VisibilityTeamQuotaActivities teamQuotaActivities(WorkflowClient workflowClient) {
    return new VisibilityTeamQuotaActivities(new TemporalEnvironmentRuns(workflowClient));
  }
}
