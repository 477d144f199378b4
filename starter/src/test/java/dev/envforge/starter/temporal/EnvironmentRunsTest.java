package dev.envforge.starter.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.starter.config.TestProperties;
import dev.envforge.starter.temporal.EnvironmentRuns.RunDescription;
import dev.envforge.starter.temporal.EnvironmentRuns.StartResult;
import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The typed calls and their failures as the real SDK delivers them, against Temporal's in-process
 * test server and a stand-in environment workflow: what the API sees of each is the gateway's own
 * answer, never an SDK exception.
 */
class EnvironmentRunsTest {

  static final EnvironmentRequest REQUEST =
      new EnvironmentRequest("payments", "checkout", null, null, null, "PT2H");
  static final String WORKFLOW_ID = EnvironmentNaming.workflowId("payments", "checkout");

  /** Refuses extends the way the real workflow's validator does, by the exception's type. */
  public static class StandInEnvironment implements EnvironmentWorkflow {
    static final String NOT_READY = "extend: the environment is DESTROYING, not READY";
    static final String TOO_FAR = "by: the expiry would be beyond the maximum TTL";

    private EnvironmentStatus status;
    private boolean destroyed;

    @Override
    public EnvironmentStatus run(EnvironmentRequest request) {
      status =
          new EnvironmentStatus(
              request.environmentId(),
              request,
              Phase.READY,
              List.of(),
              EnvironmentOutputs.empty(),
              Instant.ofEpochMilli(Workflow.currentTimeMillis()),
              null,
              null,
              false,
              null,
              null);
      Workflow.await(() -> destroyed);
      return status;
    }

    @Override
    public EnvironmentStatus status() {
      return status;
    }

    @Override
    public EnvironmentStatus extend(ExtendRequest request) {
      return status;
    }

    @Override
    public void validateExtend(ExtendRequest request) {
      if ("PT0S".equals(request.by())) {
        throw new IllegalStateException(NOT_READY);
      }
      if ("P30D".equals(request.by())) {
        throw new IllegalArgumentException(TOO_FAR);
      }
    }

    @Override
    public EnvironmentStatus destroy(String reason) {
      destroyed = true;
      return status;
    }

    @Override
    public void namespaceLost(String reason) {}
  }

  TestWorkflowEnvironment env;
  CallDeadlines deadlines = new CallDeadlines();
  EnvironmentRuns runs;

  @BeforeEach
  void startTestServer() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .registerSearchAttribute("EnvTeam", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .registerSearchAttribute("EnvName", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .registerSearchAttribute("EnvPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    env.newWorker(EnvironmentWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(StandInEnvironment.class);
    env.start();
    EnvforgeProperties properties = TestProperties.defaults();
    runs =
        new EnvironmentRuns(
            env.getWorkflowClient(),
            new TemporalCallSettings(
                properties.taskQueue(), properties.queryTimeout(), properties.updateTimeout()),
            deadlines);
  }

  @AfterEach
  void stopTestServer() {
    env.close();
    deadlines.destroy();
  }

  @Test
  void givenAStartedRun_whenStartedAgain_itShouldFindTheSameRunAndItsRequest() {
    StartResult first = runs.start(REQUEST);
    StartResult again = runs.start(REQUEST);

    assertThat(first.started()).isTrue();
    assertThat(again).isEqualTo(new StartResult(first.runId(), false));
    assertThat(runs.startInput(WORKFLOW_ID, first.runId())).isEqualTo(REQUEST);
    assertThat(runs.describe(WORKFLOW_ID))
        .contains(new RunDescription(WORKFLOW_ID, first.runId(), true, false, Phase.PROVISIONING));
  }

  @Test
  void givenNoSuchWorkflow_whenDescribed_itShouldBeEmpty() {
    assertThat(runs.describe(EnvironmentNaming.workflowId("payments", "nothing"))).isEmpty();
  }

  @Test
  void givenAReadyRun_whenItsStatusIsAskedForAndExtended_itShouldAnswerThroughTheTypedStub() {
    String runId = runs.start(REQUEST).runId();

    assertThat(runs.status(WORKFLOW_ID, runId).phase()).isEqualTo(Phase.READY);
    assertThat(runs.extend(WORKFLOW_ID, runId, ExtendRequest.by("PT1H")))
        .hasValueSatisfying(
            status -> assertThat(status.environmentId()).isEqualTo("payments-checkout"));
  }

  @Test
  void givenTheValidatorRefuses_whenExtended_itShouldSayWhetherTheStateOrTheInputIsWrong() {
    String runId = runs.start(REQUEST).runId();
    runs.status(WORKFLOW_ID, runId);

    assertThatThrownBy(() -> runs.extend(WORKFLOW_ID, runId, ExtendRequest.by("PT0S")))
        .isInstanceOfSatisfying(
            UpdateRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(UpdateRefusedException.Reason.WRONG_STATE);
              assertThat(e.getMessage()).isEqualTo(StandInEnvironment.NOT_READY);
            });
    assertThatThrownBy(() -> runs.extend(WORKFLOW_ID, runId, ExtendRequest.by("P30D")))
        .isInstanceOfSatisfying(
            UpdateRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(UpdateRefusedException.Reason.UNACCEPTABLE);
              assertThat(e.getMessage()).isEqualTo(StandInEnvironment.TOO_FAR);
            });
  }

  @Test
  void givenADestroyedRun_whenDestroyedAgain_itShouldBeEmptyAndItsStatusStillReadable() {
    String runId = runs.start(REQUEST).runId();

    assertThat(runs.destroy(WORKFLOW_ID, runId, "done")).isPresent();
    WorkflowStub.fromTyped(
            env.getWorkflowClient().newWorkflowStub(EnvironmentWorkflow.class, WORKFLOW_ID))
        .getResult(EnvironmentStatus.class);

    assertThat(runs.destroy(WORKFLOW_ID, runId, "again")).isEmpty();
    assertThat(runs.describe(WORKFLOW_ID))
        .hasValueSatisfying(run -> assertThat(run.open()).isFalse());
  }

  @Test
  void givenARunStartedHere_whenItIsOpenAndThenClosed_itShouldBeKnownOpenUntilTheServerRefuses() {
    String runId = runs.start(REQUEST).runId();
    assertThat(runs.knownOpenRun(WORKFLOW_ID)).contains(runId);
    assertThat(runs.statusWhileOpen(WORKFLOW_ID, runId))
        .hasValueSatisfying(status -> assertThat(status.phase()).isEqualTo(Phase.READY));

    runs.destroy(WORKFLOW_ID, runId, "done");
    awaitResult();

    assertThat(runs.statusWhileOpen(WORKFLOW_ID, runId)).isEmpty();
    assertThat(runs.knownOpenRun(WORKFLOW_ID)).isEmpty();
  }

  @Test
  void givenACompletedRun_whenItsFinalStatusIsRead_itShouldBeWhatTheRunReturned() {
    String runId = runs.start(REQUEST).runId();
    runs.destroy(WORKFLOW_ID, runId, "done");
    EnvironmentStatus returned = awaitResult();

    assertThat(runs.describe(WORKFLOW_ID))
        .hasValueSatisfying(run -> assertThat(run.completed()).isTrue());
    assertThat(runs.completedStatus(WORKFLOW_ID, runId)).contains(returned);
  }

  @Test
  void givenATerminatedRun_whenItsFinalStatusIsRead_itShouldBeEmptyForTheQueryToTell() {
    String runId = runs.start(REQUEST).runId();
    env.getWorkflowClient()
        .newUntypedWorkflowStub(WORKFLOW_ID, Optional.of(runId), Optional.empty())
        .terminate("by hand");

    assertThat(runs.describe(WORKFLOW_ID))
        .hasValueSatisfying(
            run -> {
              assertThat(run.open()).isFalse();
              assertThat(run.completed()).isFalse();
            });
    assertThat(runs.completedStatus(WORKFLOW_ID, runId)).isEmpty();
  }

  private EnvironmentStatus awaitResult() {
    return WorkflowStub.fromTyped(
            env.getWorkflowClient().newWorkflowStub(EnvironmentWorkflow.class, WORKFLOW_ID))
        .getResult(EnvironmentStatus.class);
  }

  @Test
  void givenNoWorkerForTheRun_whenItsStatusIsAskedFor_itShouldTimeOutAsTheApiSays() {
    WorkflowClient client = env.getWorkflowClient();
    EnvironmentWorkflow orphan =
        client.newWorkflowStub(
            EnvironmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue("no-worker-polls-this")
                .build());
    String runId = WorkflowClient.start(orphan::run, REQUEST).getRunId();

    assertThatThrownBy(() -> runs.status(WORKFLOW_ID, runId, Duration.ofMillis(500)))
        .isInstanceOfSatisfying(
            TemporalUnavailableException.class, e -> assertThat(e.timedOut()).isTrue());
    assertThat(runs.statusIfAnswered(WORKFLOW_ID, runId, Duration.ofMillis(500))).isEmpty();
  }
}
