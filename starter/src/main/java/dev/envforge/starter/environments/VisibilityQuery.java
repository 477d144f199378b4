package dev.envforge.starter.environments;

import dev.envforge.starter.temporal.WorkflowTypes;
import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.environment.Phase;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Temporal visibility queries over environment runs. Values are spliced in only after they have
 * been checked (a DNS-1123 label, a {@link Phase}), so they can never carry a quote.
 */
public final class VisibilityQuery {

  private VisibilityQuery() {}

  /** Every environment run, optionally of one team and in one phase. */
  public static String environments(String team, Phase phase) {
    StringBuilder query =
        new StringBuilder("WorkflowType = '").append(WorkflowTypes.ENVIRONMENT).append("'");
    if (team != null) {
      if (!Dns1123.isLabel(team)) {
        throw new IllegalArgumentException("team is not a DNS-1123 label");
      }
      query.append(" AND ").append(EnvironmentSearchAttributes.TEAM.getName());
      query.append(" = '").append(team).append("'");
    }
    if (phase != null) {
      query.append(" AND ").append(EnvironmentSearchAttributes.PHASE.getName());
      query.append(" = '").append(phase.name()).append("'");
    }
    return query.toString();
  }

  /**
   * Environment runs of the given teams only, optionally one team and one phase among them: what a
   * caller who is not an admin may list.
   *
   * @param visibleTeams not empty; every one a DNS-1123 label
   */
  public static String environments(String team, Phase phase, Collection<String> visibleTeams) {
    if (visibleTeams.isEmpty() || !visibleTeams.stream().allMatch(Dns1123::isLabel)) {
      throw new IllegalArgumentException("visible teams must be DNS-1123 labels, at least one");
    }
    String teams =
        visibleTeams.stream().sorted().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
    return environments(team, phase)
        + " AND "
        + EnvironmentSearchAttributes.TEAM.getName()
        + " IN ("
        + teams
        + ")";
  }

  /** The team's running environment runs, for counting its live environments. */
  public static String running(String team) {
    return environments(team, null) + " AND ExecutionStatus = 'Running'";
  }

  /**
   * Runs in one phase for the gauge. A live phase counts only running workflows, so a run that was
   * terminated by hand while READY is not counted as READY forever; DESTROYED and FAILED count the
   * closed runs the namespace still retains.
   */
  public static String inPhase(Phase phase) {
    String query = environments(null, phase);
    return phase.terminal() ? query : query + " AND ExecutionStatus = 'Running'";
  }
}
