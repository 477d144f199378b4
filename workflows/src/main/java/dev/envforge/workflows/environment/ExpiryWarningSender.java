package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.activities.NamespaceSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * Sends an expiry warning on both channels side by side (the Kubernetes Event, and the sinks: as a
 * lifecycle CDEvent in runs that announce their changes, else the old webhook activity), without
 * waiting: the expiry must come on time however slow or broken the channels are. Each channel's
 * outcome is recorded in the {@link ExpiryState} when it settles; a failure is recorded and changes
 * nothing else.
 */
final class ExpiryWarningSender {

  private static final Logger log = Workflow.getLogger(ExpiryWarningSender.class);

  private final ExpiryWarningActivities channels =
      Workflow.newActivityStub(ExpiryWarningActivities.class, EnvironmentActivityOptions.NOTIFY);

  private final ExpiryState expiry;
  private final LifecycleEvents events;
  private final Runnable onChange;

  ExpiryWarningSender(ExpiryState expiry, LifecycleEvents events, Runnable onChange) {
    this.expiry = expiry;
    this.events = events;
    this.onChange = onChange;
  }

  /**
   * The warning about {@code expiresAt}, decided at {@code now}. Its id is the same however often
   * the run replays, and differs after an extend, so receivers can drop duplicates by it.
   */
  static ExpiryWarningNotice notice(
      EnvironmentPlan plan, NamespaceSpec namespace, String runId, Instant expiresAt, Instant now) {
    return new ExpiryWarningNotice(
        plan.workflowId() + "/" + runId + "/expiring/" + expiresAt,
        plan.environmentId(),
        plan.request().team(),
        plan.request().name(),
        namespace.cluster(),
        namespace.namespace(),
        plan.workflowId(),
        expiresAt,
        now);
  }

  void send(ExpiryWarningNotice notice) {
    expiry.warned(notice.id(), notice.warnedAt());
    Async.function(channels::recordExpiryEvent, notice)
        .handle(
            (eventName, failure) -> {
              settle(
                  notice,
                  failure == null
                      ? w -> w.withEvent(NotificationState.SENT, eventName)
                      : w -> w.withEvent(NotificationState.FAILED, describe(failure)));
              return null;
            });
    if (events.active()) {
      // The warning is one of the lifecycle changes: it reaches the sinks as a CDEvent.
      events
          .announce(LifecycleEvent.of(notice))
          .thenApply(
              outcome -> {
                settle(
                    notice,
                    outcome.failure() == null
                        ? w -> w.withWebhookDelivery(outcome.delivery())
                        : w ->
                            w.withWebhook(NotificationState.FAILED, describe(outcome.failure())));
                return null;
              });
      return;
    }
    Async.function(channels::sendExpiryWebhook, notice)
        .handle(
            (delivery, failure) -> {
              settle(
                  notice,
                  failure == null
                      ? w -> w.withWebhookDelivery(delivery)
                      : w -> w.withWebhook(NotificationState.FAILED, describe(failure)));
              return null;
            });
  }

  private void settle(ExpiryWarningNotice notice, UnaryOperator<ExpiryWarning> outcome) {
    if (!expiry.settle(notice.id(), outcome)) {
      return;
    }
    if (expiry.warning().anyChannelFailed()) {
      log.warn(
          "expiry warning {} of {} not fully sent: {}",
          notice.id(),
          notice.environmentId(),
          expiry.warning());
    }
    onChange.run();
  }

  private static String describe(RuntimeException failure) {
    return failure instanceof ActivityFailure activity
        ? StepRunner.describe(activity)
        : failure.getMessage();
  }
}
