package dev.envforge.workflows.quota;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Holds the team's live set and judges each reservation against it alone: a POST costs one update,
 * not a visibility listing. Environments leave the set when their workflow sends {@code release};
 * every {@link #RECONCILE_EVERY} (and before a fresh run's first answer) an activity lists the
 * team's running environments, off every request's path, and the set is made to agree with it.
 *
 * <p>Runs started before the live set (no {@value #LIVE_SET} marker) keep judging by the listing
 * that an older API sends, and end when idle as they did; the first request without a listing makes
 * such a run hold the set from then on.
 */
public class TeamQuotaWorkflowImpl implements TeamQuotaWorkflow {

  /** Change id: the run holds the team's live set (version 1) instead of judging by listings. */
  static final String LIVE_SET = "quota-live-set";

  /**
   * Longer than an API call takes from reservation to the environment's start, plus visibility's
   * delay: an environment reserved longer ago than this and not listed as running has ended, or
   * never started.
   */
  static final Duration GRACE = Duration.ofMinutes(2);

  /** A run whose set is empty and that had nothing to do for this long ends. */
  static final Duration IDLE_END = GRACE.plusMinutes(1);

  /** How often the set is compared with visibility, to heal releases that never came. */
  static final Duration RECONCILE_EVERY = Duration.ofMinutes(5);

  /** A fresh run whose first listing failed tries again this soon: reservations wait for it. */
  static final Duration SEED_RETRY = Duration.ofSeconds(15);

  /** Continue as new well before the history grows large. */
  static final int UPDATES_PER_RUN = 500;

  private static final ActivityOptions LISTING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  private static final Logger log = Workflow.getLogger(TeamQuotaWorkflowImpl.class);

  private final TeamQuotaActivities visibility =
      Workflow.newActivityStub(TeamQuotaActivities.class, LISTING);

  private final LiveSet live;
  private boolean holdsLiveSet;
  private long nextReconcileAt;
  private Boolean judgedByListing;
  private int updates;
  private long lastMessageAt = now();

  /** Restores the state before any handler runs: an update can arrive with the run's start. */
  @WorkflowInit
  public TeamQuotaWorkflowImpl(TeamQuotaState state) {
    TeamQuotaState restored = state == null ? TeamQuotaState.empty() : state;
    live = new LiveSet(restored.reservations());
    holdsLiveSet = restored.holdsLiveSet();
    nextReconcileAt = restored.holdsLiveSet() ? restored.nextReconcileAt() : 0;
  }

  @Override
  public void run(TeamQuotaState state) {
    if (judgedByListing() && servedByListingUntilIdle()) {
      return;
    }
    serveLiveSet();
  }

  /**
   * The loop of runs from before the live set, command for command. Returns true when the run
   * should end (idle), false when a request without a listing made it hold the set.
   */
  private boolean servedByListingUntilIdle() {
    while (true) {
      int seen = updates;
      boolean active =
          Workflow.await(
              IDLE_END, () -> updates != seen || mustContinueAsNew() || !judgedByListing);
      if (!judgedByListing) {
        return false;
      }
      if (mustContinueAsNew()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new TeamQuotaState(live.entries(), false, 0));
      }
      if (!active && Workflow.isEveryHandlerFinished()) {
        return true;
      }
    }
  }

  /**
   * One timer at a time, not one per message: it wakes the run for the next reconciliation, or,
   * while the set is empty, for the idle end. Messages wake the run only when the set turns empty
   * or stops being empty, or when it must continue as new.
   */
  private void serveLiveSet() {
    while (true) {
      if (now() >= nextReconcileAt) {
        reconcile();
      }
      // Handlers wait for the first listing; continuing as new before it would strand them.
      if (holdsLiveSet && mustContinueAsNew()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new TeamQuotaState(live.entries(), true, nextReconcileAt));
      }
      boolean idle = holdsLiveSet && live.isEmpty();
      long wakeAt = idle ? lastMessageAt + IDLE_END.toMillis() : nextReconcileAt;
      Promise<Void> timer = Workflow.newTimer(Duration.ofMillis(Math.max(1, wakeAt - now())));
      Workflow.await(
          () ->
              timer.isCompleted()
                  || holdsLiveSet && live.isEmpty() != idle
                  || holdsLiveSet && mustContinueAsNew());
      if (idle
          && live.isEmpty()
          && now() - lastMessageAt >= IDLE_END.toMillis()
          && Workflow.isEveryHandlerFinished()) {
        return;
      }
    }
  }

  /**
   * Lists the team's running environments and makes the set agree. A failed listing changes
   * nothing: the set stays as it was until the next try.
   */
  private void reconcile() {
    long listedAt = now();
    live.listingStarted();
    try {
      RunningEnvironments running = visibility.runningEnvironments(team());
      live.listingArrived(running, listedAt, GRACE);
      holdsLiveSet = true;
      nextReconcileAt = now() + RECONCILE_EVERY.toMillis();
    } catch (ActivityFailure e) {
      live.listingFailed();
      log.warn("listing the running environments of team {} failed: {}", team(), e.getMessage());
      nextReconcileAt = now() + (holdsLiveSet ? RECONCILE_EVERY : SEED_RETRY).toMillis();
    }
  }

  @Override
  public void validateReserve(ReservationRequest request) {
    if (request == null || request.environmentId() == null || request.environmentId().isBlank()) {
      throw new IllegalArgumentException("a reservation names its environment");
    }
    if (request.limit() < 0) {
      throw new IllegalArgumentException("the limit must not be negative");
    }
  }

  @Override
  public Reservation reserve(ReservationRequest request) {
    updates++;
    lastMessageAt = now();
    if (judgedByListing()) {
      if (request.listed()) {
        return live.reserveAgainstListing(request, now(), GRACE);
      }
      // An API that no longer lists: from now on this run holds the set, from its first listing.
      judgedByListing = false;
    }
    Workflow.await(() -> holdsLiveSet);
    return live.reserve(request.environmentId(), request.limit(), now());
  }

  @Override
  public void release(String environmentId) {
    updates++;
    lastMessageAt = now();
    if (environmentId != null) {
      live.release(environmentId);
    }
  }

  /** Whether this run is one from before the live set; asked once, by whichever code runs first. */
  private boolean judgedByListing() {
    if (judgedByListing == null) {
      judgedByListing =
          Workflow.getVersion(LIVE_SET, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION;
    }
    return judgedByListing;
  }

  private boolean mustContinueAsNew() {
    return updates >= UPDATES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private static String team() {
    return TeamQuotaWorkflow.teamOf(Workflow.getInfo().getWorkflowId());
  }

  private static long now() {
    return Workflow.currentTimeMillis();
  }
}
