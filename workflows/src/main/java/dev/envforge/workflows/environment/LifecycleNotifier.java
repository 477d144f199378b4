package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.LifecycleNotice;
import dev.envforge.workflows.activities.LifecycleNotificationActivities;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The one place the workflow tells the outside world of approvals, rejections, timeouts, sleeps and
 * wakes. Today they go out on the notification webhook; moving them to another event channel means
 * changing this class alone. A notification that cannot be sent is logged and changes nothing.
 */
final class LifecycleNotifier {

  static final String APPROVAL_REQUESTED = "approval.requested";
  static final String APPROVED = "approval.approved";
  static final String REJECTED = "approval.rejected";
  static final String APPROVAL_TIMED_OUT = "approval.timed-out";
  static final String APPROVAL_WITHDRAWN = "approval.withdrawn";
  static final String SLEPT = "slept";
  static final String WOKE = "woke";

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
