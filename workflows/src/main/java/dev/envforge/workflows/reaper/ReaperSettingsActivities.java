package dev.envforge.workflows.reaper;

import io.temporal.activity.ActivityInterface;

/** Hands the reaper workflow the worker's reaper configuration; runs as a local activity. */
@ActivityInterface
public interface ReaperSettingsActivities {
  ReaperSettings reaperSettings();
}
