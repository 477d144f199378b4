package dev.envforge.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * A worker broken on purpose: its workflow executor cannot load a class, as when the jar it runs
 * from was replaced under it. The worker process stays up and keeps polling, so only its own health
 * can say that it is of no use.
 */
class WorkerHealthTest {

  private static final String QUEUE = "health-test";

  @WorkflowInterface
  public interface Probe {
    @WorkflowMethod
    String run();
  }

  /** Does what a workflow does when the class it needs next is gone from its jar. */
  public static class BrokenProbe implements Probe {
    @Override
    public String run() {
      throw new NoClassDefFoundError("dev/envforge/workflows/environment/Gone");
    }
  }

  public static class HealthyProbe implements Probe {
    @Override
    public String run() {
      return "ok";
    }
  }

  private final ExecutorFailures failures = new ExecutorFailures(Clock.systemUTC());
  private TestWorkflowEnvironment env;
  private WorkerHealthIndicator readiness;
  private WorkerExecutorsHealthIndicator liveness;

  @BeforeEach
  void startWorker() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ExecutorFailureInterceptor(failures))
                        .build())
                .build());
    liveness = new WorkerExecutorsHealthIndicator(failures, env.getWorkerFactory());
    readiness = new WorkerHealthIndicator(liveness, env.getWorkflowServiceStubs());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private void run(Class<? extends Probe> implementation) {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(implementation);
    env.start();
    Probe probe =
        env.getWorkflowClient()
            .newWorkflowStub(
                Probe.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(QUEUE)
                    .setWorkflowRunTimeout(Duration.ofMinutes(1))
                    .build());
    WorkflowClient.start(probe::run);
  }

  @Test
  void givenARunningWorker_whenItsWorkflowsRun_itShouldBeReadyAndLive() throws Exception {
    run(HealthyProbe.class);

    assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
    assertThat(liveness.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void givenAWorkflowExecutorThatCannotLoadAClass_whenItRuns_itShouldBeNeitherReadyNorLive()
      throws Exception {
    run(BrokenProbe.class);

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (failures.count() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(liveness.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(readiness.health().getDetails())
        .containsEntry("error", NoClassDefFoundError.class.getName())
        .containsEntry("where", "workflow Probe");
  }

  @Test
  void givenATemporalThatDoesNotAnswer_itShouldBeLiveButNotReady() {
    run(HealthyProbe.class);
    WorkflowServiceStubs nowhere =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
    try {
      WorkerHealthIndicator cutOff = new WorkerHealthIndicator(liveness, nowhere);

      assertThat(cutOff.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(liveness.health().getStatus()).isEqualTo(Status.UP);
    } finally {
      nowhere.shutdownNow();
    }
  }

  @Test
  void givenAWorkerThatStoppedPolling_itShouldBeNeitherReadyNorLive() {
    run(HealthyProbe.class);

    env.getWorkerFactory().shutdown();

    assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(liveness.health().getStatus()).isEqualTo(Status.DOWN);
  }
}
