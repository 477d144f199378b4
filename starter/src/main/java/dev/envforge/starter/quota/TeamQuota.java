package dev.envforge.starter.quota;

import dev.envforge.starter.environments.VisibilityQuery;
import dev.envforge.starter.temporal.EnvironmentVisibility;
import dev.envforge.starter.temporal.EnvironmentVisibility.VisibilityPage;
import dev.envforge.starter.temporal.ListedEnvironment;
import dev.envforge.starter.temporal.TeamQuotaReservations;
import dev.envforge.workflows.quota.Reservation;
import dev.envforge.workflows.quota.ReservationRequest;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentNaming.TeamAndName;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Takes a slot of the team's live-environment limit before an environment starts. Counting in
 * visibility alone would let two replicas both see one free slot and both start; instead the count
 * is judged inside the team's quota workflow, one reservation at a time (see {@link
 * dev.envforge.workflows.quota.TeamQuotaWorkflow}).
 */
@Component
@EnableConfigurationProperties(TeamLimitProperties.class)
public class TeamQuota {

  private final TeamQuotaReservations reservations;
  private final EnvironmentVisibility visibility;
  private final TeamLimitProperties limits;

  public TeamQuota(
      TeamQuotaReservations reservations,
      EnvironmentVisibility visibility,
      TeamLimitProperties limits) {
    this.reservations = reservations;
    this.visibility = visibility;
    this.limits = limits;
  }

  /**
   * @throws TeamLimitExceededException when the team is at its limit and the environment is not
   *     already one of its live ones
   */
  public void reserve(String team, String environmentId) {
    int limit = limits.limitOf(team);
    // One more than the limit is enough to decide; a cut list only keeps reservations longer.
    VisibilityLive live = liveInVisibility(team, limit + 1);
    Reservation reservation =
        reservations.reserve(
            team, new ReservationRequest(environmentId, limit, live.ids(), live.complete()));
    if (!reservation.granted()) {
      throw new TeamLimitExceededException(team, reservation.limit(), reservation.live());
    }
  }

  /** The team's running environments as visibility lists them, which the reservation carries. */
  private record VisibilityLive(List<String> ids, boolean complete) {}

  private VisibilityLive liveInVisibility(String team, int atMost) {
    String query = VisibilityQuery.running(team);
    List<String> ids = new ArrayList<>();
    byte[] token = new byte[0];
    do {
      VisibilityPage page = visibility.list(query, Math.min(100, atMost - ids.size()), token);
      for (ListedEnvironment environment : page.environments()) {
        ids.add(environmentId(environment.workflowId()));
      }
      token = page.nextPageToken();
    } while (token.length > 0 && ids.size() < atMost);
    return new VisibilityLive(ids, token.length == 0);
  }

  /** {@code environment/<team>/<name>} to {@code <team>-<name>}; any other id as it is. */
  private static String environmentId(String workflowId) {
    return EnvironmentNaming.parseWorkflowId(workflowId)
        .map(TeamAndName::environmentId)
        .orElse(workflowId);
  }
}
