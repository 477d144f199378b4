package dev.envforge.starter.temporal;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.workflows.access.AccessRequest;
import dev.envforge.workflows.access.GrantedAccess;
import dev.envforge.workflows.environment.EnvironmentAccessWorkflow;
import dev.envforge.workflows.environment.EnvironmentStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowTargetOptions;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The access updates of an environment's run, through the typed {@link EnvironmentAccessWorkflow}
 * interface. The workflow's validator decides whether access may be granted.
 */
@Component
public class EnvironmentAccessRuns {

  private final WorkflowClient client;
  private final EnvforgeProperties properties;
  private final CallDeadlines deadlines;

  public EnvironmentAccessRuns(
      WorkflowClient client, EnvforgeProperties properties, CallDeadlines deadlines) {
    this.client = client;
    this.properties = properties;
    this.deadlines = deadlines;
  }

  /**
   * Asks the run for a token sealed to the request's key.
   *
   * @return empty if the run is no longer open (or never was)
   */
  public Optional<GrantedAccess> grant(String workflowId, String runId, AccessRequest request) {
    return update(workflowId, runId, workflow -> workflow.grantAccess(request));
  }

  /**
   * Ends one grant's token.
   *
   * @return empty if the run is no longer open (or never was)
   */
  public Optional<EnvironmentStatus> revoke(String workflowId, String runId, String grantId) {
    return update(workflowId, runId, workflow -> workflow.revokeAccess(grantId));
  }

  private <T> Optional<T> update(
      String workflowId, String runId, Function<EnvironmentAccessWorkflow, T> update) {
    EnvironmentAccessWorkflow workflow =
        client.newWorkflowStub(
            EnvironmentAccessWorkflow.class,
            WorkflowTargetOptions.newBuilder().setWorkflowId(workflowId).setRunId(runId).build());
    return TemporalFailures.translated(
        () ->
            TemporalFailures.unlessNotFound(
                () ->
                    TemporalFailures.refusalTranslated(
                        () ->
                            deadlines.within(
                                properties.updateTimeout(), () -> update.apply(workflow)))));
  }
}
