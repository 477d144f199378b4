package dev.envforge.starter.temporal;

import com.google.protobuf.ByteString;
import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentNaming.TeamAndName;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Environment runs as Temporal visibility knows them, from their search attributes, without asking
 * their workflows: one page at a time, or a count.
 */
@Component
public class EnvironmentVisibility {

  private final WorkflowClient client;

  public EnvironmentVisibility(WorkflowClient client) {
    this.client = client;
  }

  /** One page of a visibility query; {@code nextPageToken} is empty on the last page. */
  public record VisibilityPage(List<ListedEnvironment> environments, byte[] nextPageToken) {}

  /**
   * @param pageToken empty for the first page, else a {@code nextPageToken} of the same query
   * @throws PageTokenRefusedException when the server does not accept the page token
   */
  public VisibilityPage list(String query, int pageSize, byte[] pageToken) {
    try {
      return TemporalFailures.translated(() -> page(query, pageSize, pageToken));
    } catch (RuntimeException e) {
      if (pageToken.length > 0 && TemporalFailures.isInvalidArgument(e)) {
        throw new PageTokenRefusedException(e);
      }
      throw e;
    }
  }

  public long count(String query) {
    return TemporalFailures.translated(() -> client.countWorkflows(query).getCount());
  }

  private VisibilityPage page(String query, int pageSize, byte[] pageToken) {
    ListWorkflowExecutionsResponse response =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .listWorkflowExecutions(
                ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setQuery(query)
                    .setPageSize(pageSize)
                    .setNextPageToken(ByteString.copyFrom(pageToken))
                    .build());
    DataConverter converter = client.getOptions().getDataConverter();
    List<ListedEnvironment> environments =
        response.getExecutionsList().stream()
            .map(info -> listed(new WorkflowExecutionMetadata(info, converter)))
            .toList();
    return new VisibilityPage(environments, response.getNextPageToken().toByteArray());
  }

  static ListedEnvironment listed(WorkflowExecutionMetadata run) {
    SearchAttributes attributes = run.getTypedSearchAttributes();
    OffsetDateTime expiresAt = attributes.get(EnvironmentSearchAttributes.EXPIRES_AT);
    String workflowId = run.getExecution().getWorkflowId();
    // The id says the same as the search attributes; it also holds for runs started without them.
    Optional<TeamAndName> named = EnvironmentNaming.parseWorkflowId(workflowId);
    String team = attributes.get(EnvironmentSearchAttributes.TEAM);
    String name = attributes.get(EnvironmentSearchAttributes.NAME);
    return new ListedEnvironment(
        team == null ? named.map(TeamAndName::team).orElse(null) : team,
        name == null ? named.map(TeamAndName::name).orElse(null) : name,
        workflowId,
        run.getExecution().getRunId(),
        RunMetadata.phase(run),
        attributes.get(EnvironmentSearchAttributes.CLUSTER),
        expiresAt == null ? null : expiresAt.toInstant(),
        RunMetadata.open(run),
        run.getStartTime(),
        run.getCloseTime());
  }
}
