package dev.envforge.starter.environments;

import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.environment.Phase;

/**
 * Temporal visibility queries over environment runs. Values are spliced in only after they have
 * been checked (a DNS-1123 label, a {@link Phase}), so they can never carry a quote.
 */
public final class VisibilityQuery {

  private VisibilityQuery() {}

  /** Every environment run, optionally of one team and in one phase. */
  public static String environments(String team, Phase phase) {
    StringBuilder query =
        new StringBuilder("WorkflowType = '")
            .append(TemporalEnvironments.WORKFLOW_TYPE)
            .append("'");
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
   * Runs in one phase for the gauge. A live phase counts only running workflows, so a run that was
   * terminated by hand while READY is not counted as READY forever; DESTROYED and FAILED count the
   * closed runs the namespace still retains.
   */
  public static String inPhase(Phase phase) {
    String query = environments(null, phase);
    return phase.terminal() ? query : query + " AND ExecutionStatus = 'Running'";
  }
}
