package dev.envforge.starter.quota;

import dev.envforge.starter.environments.TemporalEnvironments;
import dev.envforge.starter.environments.VisibilityQuery;
import dev.envforge.workflows.quota.Reservation;
import dev.envforge.workflows.quota.ReservationRequest;
import io.temporal.client.WorkflowExecutionMetadata;
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

  private final TemporalEnvironments temporal;
  private final TeamLimitProperties limits;

  public TeamQuota(TemporalEnvironments temporal, TeamLimitProperties limits) {
    this.temporal = temporal;
    this.limits = limits;
  }

  /**
   * @throws TeamLimitExceededException when the team is at its limit and the environment is not
   *     already one of its live ones
   */
  public void reserve(String team, String environmentId) {
    int limit = limits.limitOf(team);
    // One more than the limit is enough to decide; a cut list only keeps reservations longer.
    VisibilityLive live = live(team, limit + 1);
    Reservation reservation =
        temporal.reserve(
            team, new ReservationRequest(environmentId, limit, live.ids(), live.complete()));
    if (!reservation.granted()) {
      throw new TeamLimitExceededException(team, reservation.limit(), reservation.live());
    }
  }

  private record VisibilityLive(List<String> ids, boolean complete) {}

  private VisibilityLive live(String team, int atMost) {
    String query = VisibilityQuery.running(team);
    List<String> ids = new ArrayList<>();
    byte[] token = new byte[0];
    do {
      TemporalEnvironments.VisibilityPage page =
          temporal.list(query, Math.min(100, atMost - ids.size()), token);
      for (WorkflowExecutionMetadata execution : page.executions()) {
        ids.add(environmentId(execution.getExecution().getWorkflowId()));
      }
      token = page.nextPageToken();
    } while (token.length > 0 && ids.size() < atMost);
    return new VisibilityLive(ids, token.length == 0);
  }

  /** {@code environment/<team>/<name>} to {@code <team>-<name>}. */
  static String environmentId(String workflowId) {
    String[] parts = workflowId.split("/", 3);
    return parts.length == 3 ? parts[1] + "-" + parts[2] : workflowId;
  }
}
