package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Hands the workflow the worker's configuration once, at its start, so the values are recorded in
 * history and replay sees the same ones even after the configuration changes.
 */
@ActivityInterface
public interface SettingsActivities {
  EnvironmentSettings settings();
}
