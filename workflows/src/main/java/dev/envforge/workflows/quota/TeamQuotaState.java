package dev.envforge.workflows.quota;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a quota run carries over to the next one when it continues as new.
 *
 * @param reservations environment id to the workflow time (epoch millis) its slot was granted
 */
public record TeamQuotaState(Map<String, Long> reservations) {

  public TeamQuotaState {
    reservations = reservations == null ? new TreeMap<>() : new TreeMap<>(reservations);
  }

  public static TeamQuotaState empty() {
    return new TeamQuotaState(null);
  }
}
