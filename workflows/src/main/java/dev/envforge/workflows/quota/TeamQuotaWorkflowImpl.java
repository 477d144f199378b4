package dev.envforge.workflows.quota;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps the slots granted in the last {@link #GRACE} and judges each reservation against them plus
 * the live environments visibility reports. A granted slot is held for the grace period even if its
 * environment is not yet visible (its start may still be on its way); after that, only visibility
 * counts, so ended environments free their slots without anyone telling this workflow.
 */
public class TeamQuotaWorkflowImpl implements TeamQuotaWorkflow {

  /**
   * Longer than an API call takes from reservation to the environment's start, plus visibility's
   * delay: an environment reserved longer ago than this and not listed as running has ended, or
   * never started.
   */
  static final Duration GRACE = Duration.ofMinutes(2);

  /** A run with nothing to do for this long ends; the next reservation starts a new one. */
  static final Duration IDLE_END = GRACE.plusMinutes(1);

  /** Continue as new well before the history grows large. */
  static final int UPDATES_PER_RUN = 500;

  private final Map<String, Long> reservations = new TreeMap<>();
  private int updates;

  @Override
  public void run(TeamQuotaState state) {
    reservations.putAll(state == null ? Map.of() : state.reservations());
    while (true) {
      int seen = updates;
      boolean active = Workflow.await(IDLE_END, () -> updates != seen || mustContinueAsNew());
      if (mustContinueAsNew()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new TeamQuotaState(reservations));
      }
      if (!active && Workflow.isEveryHandlerFinished()) {
        return;
      }
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
    long now = Workflow.currentTimeMillis();
    Set<String> live = new HashSet<>(request.liveEnvironmentIds());
    if (request.liveListComplete()) {
      reservations
          .entrySet()
          .removeIf(
              entry -> !live.contains(entry.getKey()) && now - entry.getValue() > GRACE.toMillis());
    }
    Set<String> taken = new HashSet<>(live);
    taken.addAll(reservations.keySet());
    if (taken.contains(request.environmentId())) {
      // Already live or reserved: a repeated request takes no second slot.
      reservations.putIfAbsent(request.environmentId(), now);
      return new Reservation(true, taken.size(), request.limit());
    }
    if (taken.size() >= request.limit()) {
      return new Reservation(false, taken.size(), request.limit());
    }
    reservations.put(request.environmentId(), now);
    return new Reservation(true, taken.size() + 1, request.limit());
  }

  private boolean mustContinueAsNew() {
    return updates >= UPDATES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested();
  }
}
