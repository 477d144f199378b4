package dev.envforge.activities.settings;

import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.activities.SettingsActivities;

/** Hands workflows the worker's configured settings; runs as a local activity. */
public final class ConfiguredSettingsActivities implements SettingsActivities {

  private final EnvironmentSettings settings;

  public ConfiguredSettingsActivities(EnvironmentSettings settings) {
    this.settings = settings;
  }

  @Override
  public EnvironmentSettings settings() {
    return settings;
  }
}
