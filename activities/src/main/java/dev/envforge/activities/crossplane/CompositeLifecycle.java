package dev.envforge.activities.crossplane;

import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.activities.temporal.PatientPoller;
import dev.envforge.activities.temporal.PatientPoller.Probe;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of an envforge composite, the same for every kind. Making one: refuse a composite of
 * that name that belongs to someone else, apply the desired one by server-side apply, then wait
 * until Crossplane reports it Ready and what the caller needs of it (its connection Secret) is
 * there. Removing one: delete it if it is the environment's, then wait until it is gone. Kubernetes
 * errors pass through; the activity translates them.
 */
final class CompositeLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CompositeLifecycle.class);

  private final PatientPoller poller;

  CompositeLifecycle(PatientPoller poller) {
    this.poller = poller;
  }

  /**
   * Makes {@code desired} exist and waits until it is Ready and {@code onceReady} is done; returns
   * what {@code onceReady} found. {@code what} names the composite in logs, heartbeats and
   * failures.
   */
  <T extends HasMetadata, R> R ensure(
      KubernetesClient client,
      T desired,
      CompositeKind<T> kind,
      EnvironmentLabels owner,
      String what,
      Supplier<Probe<R>> onceReady) {
    Resource<T> composite = client.resource(desired);
    refuseForeign(composite.get(), owner, kind.conflict(), what);
    composite.fieldManager(ManagedMetadata.FIELD_MANAGER).forceConflicts().serverSideApply();
    log.info("applied {}; waiting until it is Ready", what);
    R result =
        poller.await(
            what,
            () -> look(composite, kind, what, onceReady),
            progress ->
                kind.notReady()
                    .failure(
                        what
                            + " is not Ready after "
                            + poller.patience()
                            + "; last seen: "
                            + progress));
    log.info("{} is Ready", what);
    return result;
  }

  /** Deletes the composite if it is {@code owner}'s and waits until it is gone; else leaves it. */
  <T extends HasMetadata> void delete(Resource<T> composite, EnvironmentLabels owner, String what) {
    T live = composite.get();
    if (live == null) {
      return;
    }
    if (!ManagedMetadata.ownedBy(live.getMetadata().getLabels(), owner)) {
      // Not ours (a name clash or a hand-made object): leave it and consider ours gone.
      log.warn("{} does not belong to environment {}; leaving it", what, owner.environmentId());
      return;
    }
    composite.delete();
    log.info("deleting {}", what);
    poller.await(
        what,
        () -> {
          T current = composite.get();
          return current == null
              ? Probe.done(null)
              : Probe.pending("deleting, finalizers " + current.getMetadata().getFinalizers());
        },
        // Transient: Crossplane may still be deleting cloud resources; the workflow retries.
        progress ->
            new IllegalStateException(
                what + " is still there after " + poller.patience() + "; " + progress));
  }

  /** Throws {@code failure} when {@code live} exists and is not {@code owner}'s. */
  static void refuseForeign(
      HasMetadata live, EnvironmentLabels owner, EnvironmentFailure failure, String what) {
    if (live != null && !ManagedMetadata.ownedBy(live.getMetadata().getLabels(), owner)) {
      throw failure.failure(
          what + " exists and does not belong to environment " + owner.environmentId());
    }
  }

  private <T extends HasMetadata, R> Probe<R> look(
      Resource<T> composite, CompositeKind<T> kind, String what, Supplier<Probe<R>> onceReady) {
    T live = composite.get();
    // Transient: a concurrent teardown removed or is removing it; a retry applies it again.
    if (live == null) {
      throw new IllegalStateException(what + " disappeared while waiting for it");
    }
    if (live.getMetadata().getDeletionTimestamp() != null) {
      throw new IllegalStateException(what + " is being deleted");
    }
    CompositeReadiness.Verdict verdict = CompositeReadiness.of(kind.conditions().apply(live));
    return switch (verdict.state()) {
      case READY -> onceReady.get();
      case FINAL_FAILURE ->
          throw kind.notReady().failure(what + " cannot become Ready: " + verdict.summary());
      // Says so when Crossplane reports a failure, so a timeout names it as the likely cause.
      case FAILING -> Probe.pending("failing: " + verdict.summary());
      case PENDING -> Probe.pending(verdict.summary());
    };
  }
}
