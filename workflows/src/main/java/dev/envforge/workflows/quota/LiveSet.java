package dev.envforge.workflows.quota;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environments a quota run counts as live, each with the workflow time it was reserved or found
 * running. Pure state; the workflow decides when to reserve, release and reconcile. Workflow code
 * runs one thread at a time, so each method is atomic.
 */
final class LiveSet {

  private final Map<String, Long> since;
  private final Set<String> releasedWhileListing = new HashSet<>();
  private boolean listing;

  LiveSet(Map<String, Long> entries) {
    since = new TreeMap<>(entries);
  }

  /** Takes a slot for the environment, or none when it already holds one; refuses at the limit. */
  Reservation reserve(String environmentId, int limit, long now) {
    if (since.containsKey(environmentId)) {
      // A repeated request (or a restart of the same environment) takes no second slot; the fresh
      // time keeps a reconciliation from dropping it before its new run shows in visibility.
      since.put(environmentId, now);
      return new Reservation(true, since.size(), limit);
    }
    if (since.size() >= limit) {
      return new Reservation(false, since.size(), limit);
    }
    since.put(environmentId, now);
    return new Reservation(true, since.size(), limit);
  }

  void release(String environmentId) {
    since.remove(environmentId);
    if (listing) {
      releasedWhileListing.add(environmentId);
    }
  }

  /** A visibility listing begins; releases from now on win over what it will report. */
  void listingStarted() {
    listing = true;
    releasedWhileListing.clear();
  }

  void listingFailed() {
    listing = false;
    releasedWhileListing.clear();
  }

  /**
   * Makes the set agree with a listing that began at {@code listedAt}: adds running environments it
   * did not know (unless they were released since), and drops those the listing does not show and
   * that were reserved more than the grace before it began (their start would show by then).
   */
  void listingArrived(RunningEnvironments running, long listedAt, Duration grace) {
    Set<String> ids = new HashSet<>(running.environmentIds());
    if (running.complete()) {
      since
          .entrySet()
          .removeIf(
              entry ->
                  !ids.contains(entry.getKey()) && entry.getValue() < listedAt - grace.toMillis());
    }
    for (String id : running.environmentIds()) {
      if (!releasedWhileListing.contains(id)) {
        since.putIfAbsent(id, listedAt);
      }
    }
    listingFailed();
  }

  /**
   * How runs from before the live set judged a reservation: against the caller's listing of running
   * environments plus the slots granted within the grace. Kept unchanged for those runs.
   */
  Reservation reserveAgainstListing(ReservationRequest request, long now, Duration grace) {
    Set<String> live = new HashSet<>(request.liveEnvironmentIds());
    if (request.liveListComplete()) {
      since
          .entrySet()
          .removeIf(
              entry -> !live.contains(entry.getKey()) && now - entry.getValue() > grace.toMillis());
    }
    Set<String> taken = new HashSet<>(live);
    taken.addAll(since.keySet());
    if (taken.contains(request.environmentId())) {
      since.putIfAbsent(request.environmentId(), now);
      return new Reservation(true, taken.size(), request.limit());
    }
    if (taken.size() >= request.limit()) {
      return new Reservation(false, taken.size(), request.limit());
    }
    since.put(request.environmentId(), now);
    return new Reservation(true, taken.size() + 1, request.limit());
  }

  boolean isEmpty() {
    return since.isEmpty();
  }

  Map<String, Long> entries() {
    return new TreeMap<>(since);
  }
}
