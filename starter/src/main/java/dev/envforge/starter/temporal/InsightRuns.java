package dev.envforge.starter.temporal;

import dev.envforge.starter.insights.RunRecord;
import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.environment.RunFacts;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentNaming.TeamAndName;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The runs the delivery figures are computed from, as Temporal visibility lists them with their
 * memos: no second store, and no query to any run.
 */
@Component
public class InsightRuns {

  /** A window holding more runs than this is refused rather than read for minutes. */
  public static final int MAX_RUNS = 20_000;

  private final WorkflowClient client;

  public InsightRuns(WorkflowClient client) {
    this.client = client;
  }

  /**
   * @param environments a visibility query of environment runs (already scoped to the caller)
   * @return the runs that started in [from, to)
   * @throws TooManyRunsException past {@link #MAX_RUNS}
   */
  public List<RunRecord> startedBetween(String environments, Instant from, Instant to) {
    String query =
        environments
            + " AND StartTime >= '"
            + DateTimeFormatter.ISO_INSTANT.format(from)
            + "' AND StartTime < '"
            + DateTimeFormatter.ISO_INSTANT.format(to)
            + "'";
    List<RunRecord> runs =
        TemporalFailures.translated(
            () ->
                client
                    .listExecutions(query)
                    .limit(MAX_RUNS + 1L)
                    .map(InsightRuns::record)
                    .toList());
    if (runs.size() > MAX_RUNS) {
      throw new TooManyRunsException(MAX_RUNS);
    }
    return runs;
  }

  /** The running environments of the query, by team. */
  public Map<String, Long> liveByTeam(String environments) {
    String query = environments + " AND ExecutionStatus = 'Running'";
    return TemporalFailures.translated(
        () ->
            client
                .listExecutions(query)
                .limit(MAX_RUNS)
                .map(InsightRuns::team)
                .collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting())));
  }

  static RunRecord record(WorkflowExecutionMetadata run) {
    String readyAt = memo(run, RunFacts.READY_AT, String.class);
    Integer extensions = memo(run, RunFacts.EXTENSIONS, Integer.class);
    return new RunRecord(
        team(run),
        run.getExecution().getWorkflowId(),
        RunMetadata.phase(run),
        RunMetadata.open(run),
        run.getStartTime(),
        run.getCloseTime(),
        readyAt == null ? null : Instant.parse(readyAt),
        memo(run, RunFacts.FAILURE_TYPE, String.class),
        extensions == null ? 0 : extensions);
  }

  private static String team(WorkflowExecutionMetadata run) {
    String team = run.getTypedSearchAttributes().get(EnvironmentSearchAttributes.TEAM);
    if (team != null) {
      return team;
    }
    return EnvironmentNaming.parseWorkflowId(run.getExecution().getWorkflowId())
        .map(TeamAndName::team)
        .orElse("unknown");
  }

  /** A memo value, or null when the run did not record it (runs from before the memo). */
  private static <T> T memo(WorkflowExecutionMetadata run, String key, Class<T> type) {
    try {
      return type.cast(run.getMemo(key, type));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The window holds more runs than the figures are computed from. */
  public static final class TooManyRunsException extends RuntimeException {
    public TooManyRunsException(int limit) {
      super("the window holds more than " + limit + " environment runs; choose a shorter one");
    }
  }
}
