package dev.envforge.activities.reaper;

import dev.envforge.workflows.reaper.ReaperSettings;
import dev.envforge.workflows.reaper.ReaperSettingsActivities;

/** Hands the reaper workflow the worker's configured reaper settings; runs as a local activity. */
public final class ConfiguredReaperSettingsActivities implements ReaperSettingsActivities {

  private final ReaperSettings settings;

  public ConfiguredReaperSettingsActivities(ReaperSettings settings) {
    this.settings = settings;
  }

  @Override
  public ReaperSettings reaperSettings() {
    return settings;
  }
}
