package dev.envforge.workflows.quota;

import io.temporal.activity.ActivityInterface;

/** What the quota workflow reads of Temporal visibility, off every request's path. */
@ActivityInterface
public interface TeamQuotaActivities {

  /** The team's running environment workflows, by environment id. Only reads. */
  RunningEnvironments runningEnvironments(String team);
}
