package dev.envforge.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.reaper.TemporalEnvironmentRuns;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.environment.EnvironmentSearchAttributes;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.quota.RunningEnvironments;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quota's reconciliation listing against the dev server's real visibility. The environment runs
 * are started on a task queue that no worker polls, so they stay running until terminated.
 */
@ExtendWith(LocalPlatformExtension.class)
class VisibilityTeamQuotaActivitiesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String taskQueue = "quota-listing-" + suffix;
  private final List<String> started = new ArrayList<>();
  private WorkflowServiceStubs service;
  private WorkflowClient client;

  @BeforeEach
  void connect(LocalPlatform platform) {
    service = platform.newTemporalService();
    client = platform.workflowClient(service);
  }

  @AfterEach
  void cleanUp() {
    for (String workflowId : started) {
      try {
        client.newUntypedWorkflowStub(workflowId).terminate("test cleanup");
      } catch (RuntimeException alreadyClosed) {
        // terminated by the test itself
      }
    }
    service.shutdownNow();
  }

  @Test
  void givenRunningEndedAndOtherTeamsEnvironments_whenListed_itShouldReturnTheTeamsRunningOnes()
      throws InterruptedException {
    String team = "quota-" + suffix;
    start(team, "a");
    start(team, "b");
    String ended = start(team, "c");
    start("other-" + suffix, "a");
    client.newUntypedWorkflowStub(ended).terminate("ended outside envforge");
    VisibilityTeamQuotaActivities activities =
        new VisibilityTeamQuotaActivities(new TemporalEnvironmentRuns(client));

    RunningEnvironments running =
        eventually(
            () -> activities.runningEnvironments(team),
            listed -> listed.environmentIds().size() == 2);

    assertThat(running.environmentIds()).containsExactlyInAnyOrder(team + "-a", team + "-b");
    assertThat(running.complete()).isTrue();
    RunningEnvironments cut = new TemporalEnvironmentRuns(client).running(team, 1);
    assertThat(cut.environmentIds()).hasSize(1);
    assertThat(cut.complete()).isFalse();
  }

  private String start(String team, String name) {
    String workflowId = EnvironmentNaming.workflowId(team, name);
    EnvironmentWorkflow workflow =
        client.newWorkflowStub(
            EnvironmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(EnvironmentSearchAttributes.TEAM, team)
                        .set(EnvironmentSearchAttributes.NAME, name)
                        .build())
                .build());
    WorkflowClient.start(
        workflow::run, new EnvironmentRequest(team, name, null, null, null, "PT1H"));
    started.add(workflowId);
    return workflowId;
  }

  private static <T> T eventually(Supplier<T> call, Predicate<T> done) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    T value = call.get();
    while (!done.test(value)) {
      assertThat(System.nanoTime()).as("still %s after %s", value, PATIENCE).isLessThan(deadline);
      Thread.sleep(200);
      value = call.get();
    }
    return value;
  }
}
