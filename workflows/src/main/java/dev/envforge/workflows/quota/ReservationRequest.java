package dev.envforge.workflows.quota;

import java.util.List;

/**
 * A request for one slot of the team's live environments.
 *
 * @param environmentId the environment that wants to start
 * @param limit the team's maximum number of live environments, as the API is configured
 * @param liveEnvironmentIds the team's running environments as visibility listed them just before
 * @param liveListComplete false when the list was cut short; then no reservation is dropped
 */
public record ReservationRequest(
    String environmentId, int limit, List<String> liveEnvironmentIds, boolean liveListComplete) {

  public ReservationRequest {
    liveEnvironmentIds = liveEnvironmentIds == null ? List.of() : List.copyOf(liveEnvironmentIds);
  }
}
