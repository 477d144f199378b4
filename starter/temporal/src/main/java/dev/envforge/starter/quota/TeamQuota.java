package dev.envforge.starter.quota;

import dev.envforge.starter.temporal.TeamQuotaReservations;
import dev.envforge.workflows.quota.Reservation;
import dev.envforge.workflows.quota.ReservationRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Takes a slot of the team's live-environment limit before an environment starts. Counting in
 * visibility would let two replicas both see one free slot and both start, and would list on every
 * request; instead the team's quota workflow holds the live set and judges one reservation at a
 * time (see {@link dev.envforge.workflows.quota.TeamQuotaWorkflow}), so a POST costs one update.
 */
@Component
@EnableConfigurationProperties(TeamLimitProperties.class)
public class TeamQuota {

  private final TeamQuotaReservations reservations;
  private final TeamLimitProperties limits;

  public TeamQuota(TeamQuotaReservations reservations, TeamLimitProperties limits) {
    this.reservations = reservations;
    this.limits = limits;
  }

  /**
   * @throws TeamLimitExceededException when the team is at its limit and the environment is not
   *     already one of its live ones
   */
  public void reserve(String team, String environmentId) {
    Reservation reservation =
        reservations.reserve(team, ReservationRequest.of(environmentId, limits.limitOf(team)));
    if (!reservation.granted()) {
      throw new TeamLimitExceededException(team, reservation.limit(), reservation.live());
    }
  }
}
