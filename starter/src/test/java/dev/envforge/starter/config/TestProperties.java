package dev.envforge.starter.config;

import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.settings.SharedProperties;

/**
 * The API's settings as its defaults make them, for tests that build classes without Spring's
 * binder. The shared file sets the task queue and prefix in a running application; here they are
 * given the same values.
 */
public final class TestProperties {

  private TestProperties() {}

  public static EnvforgeProperties defaults() {
    return withEvents(null);
  }

  public static EnvforgeProperties withEvents(EnvforgeProperties.Events events) {
    return new EnvforgeProperties(
        new SharedProperties(EnvironmentWorkflow.TASK_QUEUE, "env-", null, null, null),
        null,
        null,
        null,
        null,
        events,
        null,
        null);
  }
}
