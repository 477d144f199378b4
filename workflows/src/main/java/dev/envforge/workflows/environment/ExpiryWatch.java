package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.NamespaceSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * Keeps a READY environment until it expires: sleeps to the next moment {@link ExpiryState} names,
 * warns when the warning period begins, and rewrites the namespace's expiry annotation after an
 * extend moved the expiry.
 */
final class ExpiryWatch {

  /**
   * Change id: the expiry warning is sent (a Kubernetes Event and a webhook), not only flagged
   * (version 1). Runs that passed their warning before this change replay without sending.
   */
  static final String EXPIRY_NOTIFICATIONS = "expiry-notifications";

  private static final Logger log = Workflow.getLogger(ExpiryWatch.class);

  /**
   * The namespace activities as the steps call them, but retried by the server: rewriting the
   * annotation is not a step of its own.
   */
  private final NamespaceActivities expiryAnnotator =
      Workflow.newActivityStub(NamespaceActivities.class, EnvironmentActivityOptions.ANNOTATE);

  private final ExpiryState expiry;
  private final ExpiryWarningSender warnings;
  private final Runnable onChange;

  /**
   * @param onChange called when the status changed: the warning began, or a channel settled
   */
  ExpiryWatch(ExpiryState expiry, LifecycleEvents events, Runnable onChange) {
    this.expiry = expiry;
    this.warnings = new ExpiryWarningSender(expiry, events, onChange);
    this.onChange = onChange;
  }

  /**
   * Waits until the environment expires, or until {@code stop} holds.
   *
   * @param namespace the environment's namespace, which warnings and annotations are about
   * @return true if the environment expired, false if {@code stop} came first
   */
  boolean awaitExpiry(EnvironmentPlan plan, NamespaceSpec namespace, BooleanSupplier stop) {
    while (!stop.getAsBoolean()) {
      Instant now = now();
      if (expiry.expiredAt(now)) {
        return true;
      }
      if (expiry.beginsWarningAt(now)) {
        log.info("environment {} expires at {}", plan.environmentId(), expiry.expiresAt());
        warn(plan, namespace, now);
        onChange.run();
      }
      Workflow.await(
          Duration.between(now, expiry.nextWakeUp(now)),
          () -> stop.getAsBoolean() || expiry.annotationStale());
      if (expiry.takeStaleAnnotation()) {
        annotate(plan, namespace);
      }
    }
    return false;
  }

  private void warn(EnvironmentPlan plan, NamespaceSpec namespace, Instant now) {
    if (Workflow.getVersion(EXPIRY_NOTIFICATIONS, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    warnings.send(
        ExpiryWarningSender.notice(
            plan, namespace, Workflow.getInfo().getRunId(), expiry.expiresAt(), now));
  }

  private void annotate(EnvironmentPlan plan, NamespaceSpec namespace) {
    NamespaceSpec spec =
        new NamespaceSpec(
            namespace.cluster(),
            namespace.namespace(),
            namespace.profile(),
            plan.labels(expiry.expiresAt()));
    try {
      expiryAnnotator.annotateExpiry(spec);
    } catch (ActivityFailure e) {
      // The expiry in the workflow is what counts; a stale annotation only misleads the reaper
      // into waiting, so it is reported, not fatal.
      log.warn("could not annotate the new expiry on {}: {}", spec.namespace(), e.getMessage());
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
