package dev.envforge.starter.temporal;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** The Temporal server the API talks to: its namespace, and whether it answers at all. */
@Component
public class TemporalServer {

  private final WorkflowClient client;

  public TemporalServer(WorkflowClient client) {
    this.client = client;
  }

  public String namespace() {
    return client.getOptions().getNamespace();
  }

  /** Asks the server for its system info within the deadline; throws if it does not answer. */
  public void ping(Duration deadline) {
    client
        .getWorkflowServiceStubs()
        .blockingStub()
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
  }
}
