package dev.envforge.operator.config;

import dev.envforge.operator.reconcile.EnvironmentReconciler;
import dev.envforge.operator.resource.Environment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the Java Operator SDK's operator for as long as the application runs: it starts watching
 * once every bean is ready and stops (finishing the reconciliations under way) before the Temporal
 * client and the Kubernetes client close.
 */
@Component
public class OperatorLifecycle implements SmartLifecycle {

  private final Operator operator;
  private volatile boolean running;

  public OperatorLifecycle(
      KubernetesClient kubernetes,
      EnvironmentReconciler reconciler,
      OperatorProperties properties) {
    OperatorProperties.Operator settings = properties.operator();
    this.operator =
        new Operator(
            overrider ->
                overrider
                    .withKubernetesClient(kubernetes)
                    .withCloseClientOnStop(false)
                    .withConcurrentReconciliationThreads(settings.reconcileThreads()));
    operator.register(
        reconciler,
        controller -> {
          controller
              .withName("environments")
              .withFinalizer(Environment.FINALIZER)
              // Temporal or the API server away for a while: keep trying, at most a minute
              // apart, rather than giving up after the SDK's default five attempts.
              .withRetry(
                  new GenericRetry()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setIntervalMultiplier(2)
                      .setMaxInterval(Duration.ofMinutes(1).toMillis())
                      .withoutMaxAttempts())
              // Every resource is looked at again at least this often, whatever happened.
              .withReconciliationMaxInterval(settings.resyncInterval().multipliedBy(5));
          if (settings.namespaces().isEmpty()) {
            controller.watchingAllNamespaces();
          } else {
            controller.settingNamespaces(settings.namespaces());
          }
        });
  }

  /** The SDK's view of its controllers, for the health endpoint. */
  public Operator operator() {
    return operator;
  }

  @Override
  public void start() {
    operator.start();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    operator.stop();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
