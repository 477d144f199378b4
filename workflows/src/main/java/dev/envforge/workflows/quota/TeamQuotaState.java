package dev.envforge.workflows.quota;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a quota run carries over to the next one when it continues as new. Runs from before the live
 * set carried only {@code reservations}; the other fields then read as false and 0, which makes the
 * next run list the team's running environments before it judges a reservation.
 *
 * @param reservations environment id to the workflow time (epoch millis) its slot was reserved, or
 *     it was found running
 * @param holdsLiveSet whether {@code reservations} is the team's whole live set, not only the slots
 *     granted lately
 * @param nextReconcileAt workflow time (epoch millis) of the next comparison with visibility
 */
public record TeamQuotaState(
    Map<String, Long> reservations, boolean holdsLiveSet, long nextReconcileAt) {

  public TeamQuotaState {
    reservations = reservations == null ? new TreeMap<>() : new TreeMap<>(reservations);
  }

  /** A fresh run: it lists the team's running environments before its first answer. */
  public static TeamQuotaState empty() {
    return new TeamQuotaState(null, false, 0);
  }
}
