package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.LifecycleChange;
import dev.envforge.workflows.activities.LifecycleNotice;
import dev.envforge.workflows.activities.LifecycleNotificationActivities;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Tells the notification webhook of approvals, rejections, timeouts, sleeps and wakes, for runs
 * that began before lifecycle events existed; newer runs announce them as lifecycle events instead
 * (see {@link LifecycleEvents}). A notification that cannot be sent is logged and changes nothing.
 */
final class LifecycleNotifier {

  static final String APPROVAL_REQUESTED = LifecycleChange.APPROVAL_REQUESTED.label();
  static final String APPROVED = LifecycleChange.APPROVED.label();
  static final String REJECTED = LifecycleChange.REJECTED.label();
  static final String APPROVAL_TIMED_OUT = LifecycleChange.APPROVAL_TIMED_OUT.label();
  static final String APPROVAL_WITHDRAWN = LifecycleChange.APPROVAL_WITHDRAWN.label();
  static final String SLEPT = LifecycleChange.SLEPT.label();
  static final String WOKE = LifecycleChange.WOKE.label();

  private static final Logger log = Workflow.getLogger(LifecycleNotifier.class);

  private final LifecycleNotificationActivities webhook =
      Workflow.newActivityStub(
          LifecycleNotificationActivities.class, EnvironmentActivityOptions.NOTIFY);

  /**
   * Sends without waiting; the promise settles once the webhook answered or the retries ran out.
   * The run waits for it only where it is about to end, since an ending run drops its activities.
   */
  Promise<Void> send(
      String kind, String team, String name, String actor, String detail, Instant at) {
    String workflowId = Workflow.getInfo().getWorkflowId();
    LifecycleNotice notice =
        new LifecycleNotice(
            workflowId + "/" + Workflow.getInfo().getRunId() + "/" + kind + "/" + at,
            kind,
            team + "-" + name,
            team,
            name,
            workflowId,
            actor,
            detail,
            at);
    return Async.function(webhook::sendLifecycleWebhook, notice)
        .handle(
            (delivery, failure) -> {
              if (failure != null) {
                log.warn(
                    "{} notification of {} not sent: {}", kind, workflowId, failure.getMessage());
              }
              return null;
            });
  }
}
