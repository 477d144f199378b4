package dev.envforge.workflows.quota;

import java.util.List;

/**
 * A team's running environments as Temporal visibility listed them.
 *
 * @param environmentIds their ids, {@code <team>-<name>}
 * @param complete false when the listing stopped at its bound; then nothing is dropped for being
 *     absent from it
 */
public record RunningEnvironments(List<String> environmentIds, boolean complete) {

  public RunningEnvironments {
    environmentIds = environmentIds == null ? List.of() : List.copyOf(environmentIds);
  }
}
