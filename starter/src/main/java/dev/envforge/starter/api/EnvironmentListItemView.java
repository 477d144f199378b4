package dev.envforge.starter.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.envforge.starter.temporal.ListedEnvironment;

/**
 * One environment in a list, from Temporal visibility (its search attributes), with where to find
 * it in this API and in the Temporal UI.
 */
public record EnvironmentListItemView(
    @JsonUnwrapped ListedEnvironment environment, String href, String temporalUiUrl) {

  static EnvironmentListItemView of(ListedEnvironment listed, TemporalUiLinks links) {
    return new EnvironmentListItemView(
        listed,
        EnvironmentController.location(listed.team(), listed.name()),
        links.run(listed.workflowId(), listed.runId()));
  }
}
