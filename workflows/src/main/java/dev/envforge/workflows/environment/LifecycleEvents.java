package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.activities.LifecycleEventActivities;
import dev.envforge.workflows.activities.WebhookDelivery;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Announces an environment's lifecycle changes to the configured sinks, without waiting: a slow or
 * unreachable sink never holds up or fails the environment. Deliveries still under way when the run
 * ends are given {@link #SETTLE_PATIENCE} to finish.
 */
final class LifecycleEvents {

  /**
   * Change id: lifecycle changes are announced as CDEvents, the expiry warning's webhook goes the
   * same way, and the run records its {@link RunFacts} (version 1). Decided once, as the run
   * begins: a version first asked inside an update handler is not replayed reliably. Runs recorded
   * before announce nothing, record no facts and keep the old webhook.
   */
  static final String LIFECYCLE_EVENTS = "lifecycle-cdevents";

  /** How long a run that has ended waits for its last announcements. */
  static final Duration SETTLE_PATIENCE = Duration.ofMinutes(1);

  private static final Logger log = Workflow.getLogger(LifecycleEvents.class);

  private final LifecycleEventActivities sinks =
      Workflow.newActivityStub(LifecycleEventActivities.class, EnvironmentActivityOptions.EVENTS);
  private final LifecycleEventActivities sinkCount =
      Workflow.newLocalActivityStub(
          LifecycleEventActivities.class, EnvironmentActivityOptions.SETTINGS);

  private int inFlight;
  private boolean active;

  /** Asks, once as the run begins, whether this run announces its changes. */
  static boolean decide() {
    return Workflow.getVersion(LIFECYCLE_EVENTS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  void activate(boolean active) {
    this.active = active;
  }

  /** True in runs that announce their changes; the same answer for the whole run. */
  boolean active() {
    return active;
  }

  /**
   * Starts announcing the event and returns at once. The promise settles with the outcome: the
   * sinks took it, none is configured (DISABLED), or it failed for good; it never fails.
   */
  Promise<Outcome> announce(LifecycleEvent event) {
    inFlight++;
    return Async.function(() -> deliver(event))
        .handle(
            (delivery, failure) -> {
              inFlight--;
              if (failure != null) {
                log.warn(
                    "lifecycle event {} of {} not delivered: {}",
                    event.id(),
                    event.environmentId(),
                    failure.getMessage());
                return Outcome.failed(failure);
              }
              return Outcome.of(delivery);
            });
  }

  /** Gives deliveries under way a bounded time to finish; an ending run calls this last. */
  void awaitSettled() {
    if (inFlight > 0) {
      Workflow.await(SETTLE_PATIENCE, () -> inFlight == 0);
    }
  }

  private WebhookDelivery deliver(LifecycleEvent event) {
    if (sinkCount.sinkCount() == 0) {
      return WebhookDelivery.DISABLED;
    }
    return sinks.publish(event);
  }

  /**
   * What became of one announcement.
   *
   * @param delivery null when it failed
   * @param failure the failure, as the status shows it; null when it did not fail
   */
  record Outcome(WebhookDelivery delivery, RuntimeException failure) {
    static Outcome of(WebhookDelivery delivery) {
      return new Outcome(delivery, null);
    }

    static Outcome failed(RuntimeException failure) {
      return new Outcome(null, failure);
    }
  }
}
