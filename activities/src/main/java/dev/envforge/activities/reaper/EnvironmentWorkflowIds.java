package dev.envforge.activities.reaper;

import dev.envforge.workflows.request.EnvironmentNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * The workflow ids an environment id may have come from. An id is {@code <team>-<name>} and both
 * may hold dashes, so {@code a-b-c} is team {@code a} with name {@code b-c}, or team {@code a-b}
 * with name {@code c}: every split is a candidate. Pure.
 */
final class EnvironmentWorkflowIds {

  private EnvironmentWorkflowIds() {}

  static List<String> candidates(String environmentId) {
    List<String> ids = new ArrayList<>();
    for (int dash = environmentId.indexOf('-');
        dash > 0;
        dash = environmentId.indexOf('-', dash + 1)) {
      if (dash < environmentId.length() - 1) {
        ids.add(
            EnvironmentNaming.workflowId(
                environmentId.substring(0, dash), environmentId.substring(dash + 1)));
      }
    }
    return ids;
  }
}
