package dev.envforge.activities.quota;

import dev.envforge.activities.reaper.EnvironmentRuns;
import dev.envforge.workflows.quota.RunningEnvironments;
import dev.envforge.workflows.quota.TeamQuotaActivities;

/** {@link TeamQuotaActivities} from Temporal visibility. Only reads, so it is safe to repeat. */
public final class VisibilityTeamQuotaActivities implements TeamQuotaActivities {

  /**
   * Far above any team's limit, and small enough to fit one activity result: a longer list could
   * not change a judgement, so the listing stops there and says it was cut short.
   */
  static final int MAX_LISTED = 5_000;

  private final EnvironmentRuns runs;

  public VisibilityTeamQuotaActivities(EnvironmentRuns runs) {
    this.runs = runs;
  }

  @Override
  public RunningEnvironments runningEnvironments(String team) {
    return runs.running(team, MAX_LISTED);
  }
}
