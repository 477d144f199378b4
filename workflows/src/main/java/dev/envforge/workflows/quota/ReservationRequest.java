package dev.envforge.workflows.quota;

import java.util.List;

/**
 * A request for one slot of the team's live environments.
 *
 * <p>The quota workflow holds the team's live set itself, so a caller sends only the environment
 * and the limit ({@link #of}). APIs from before that listed the team's running environments in
 * visibility and sent them along; their requests still arrive during a rolling upgrade. A run that
 * holds the live set ignores the list; only runs started before the live set judge by it.
 *
 * @param environmentId the environment that wants to start
 * @param limit the team's maximum number of live environments, as the API is configured
 * @param liveEnvironmentIds the team's running environments as an older API listed them just
 *     before, or null when the caller did not list them
 * @param liveListComplete false when that list was cut short; then no reservation is dropped
 */
public record ReservationRequest(
    String environmentId, int limit, List<String> liveEnvironmentIds, boolean liveListComplete) {

  public ReservationRequest {
    liveEnvironmentIds = liveEnvironmentIds == null ? null : List.copyOf(liveEnvironmentIds);
  }

  /** A request that leaves the counting to the quota workflow: what the API sends. */
  public static ReservationRequest of(String environmentId, int limit) {
    return new ReservationRequest(environmentId, limit, null, false);
  }

  /** Whether the caller listed the team's running environments (an API from before the set). */
  public boolean listed() {
    return liveEnvironmentIds != null;
  }
}
