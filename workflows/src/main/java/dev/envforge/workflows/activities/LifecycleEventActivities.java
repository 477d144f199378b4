package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Announces an environment's lifecycle changes as CDEvents, in CloudEvents format, to the
 * configured sinks over HTTP, each signed like the expiry webhook.
 */
@ActivityInterface
public interface LifecycleEventActivities {

  /**
   * POSTs the event to every configured sink that has not yet accepted it. A sink that accepted the
   * event in an earlier attempt is not sent it again (the attempt's heartbeat records it), so a
   * retry after one sink failed reaches only the sinks still owed the event. A 4xx answer (other
   * than 408 and 429) fails with the non-retryable type {@value
   * ExpiryWarningActivities#WEBHOOK_REJECTED}.
   *
   * @return DELIVERED when at least one sink is configured and all accepted it, DISABLED when none
   *     is configured
   */
  WebhookDelivery publish(LifecycleEvent event);

  /**
   * How many sinks are configured. Asked (as a local activity) before each change, so that a worker
   * without sinks costs no activity task per change.
   */
  int sinkCount();
}
