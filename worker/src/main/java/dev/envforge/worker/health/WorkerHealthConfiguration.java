package dev.envforge.worker.health;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's health: {@code workerExecutors} (its executors and polling; in liveness and
 * readiness) and {@code temporalWorker} (that and Temporal answering; in readiness). The
 * interceptor is a bean, so the Temporal starter puts it on every worker it creates.
 */
@Configuration(proxyBeanMethods = false)
public class WorkerHealthConfiguration {

  @Bean
  ExecutorFailures executorFailures() {
    return new ExecutorFailures(Clock.systemUTC());
  }

  @Bean
  ExecutorFailureInterceptor executorFailureInterceptor(ExecutorFailures failures) {
    return new ExecutorFailureInterceptor(failures);
  }

  @Bean("workerExecutors")
  WorkerExecutorsHealthIndicator workerExecutorsHealth(
      ExecutorFailures failures, WorkerFactory factory) {
    return new WorkerExecutorsHealthIndicator(failures, factory);
  }

  @Bean("temporalWorker")
  WorkerHealthIndicator temporalWorkerHealth(
      WorkerExecutorsHealthIndicator executors, WorkflowServiceStubs temporal) {
    return new WorkerHealthIndicator(executors, temporal);
  }
}
