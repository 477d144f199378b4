package dev.envforge.activities.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActivityPatienceTest {

  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration SHORT = Duration.ofSeconds(1);

  /** Answers, from inside an activity, how long it may wait. */
  @ActivityInterface
  public interface PatienceActivities {
    List<Long> patienceMillis();
  }

  public static final class AskingActivities implements PatienceActivities {
    @Override
    public List<Long> patienceMillis() {
      return List.of(
          ActivityPatience.within(LONG).toMillis(), ActivityPatience.within(SHORT).toMillis());
    }
  }

  @WorkflowInterface
  public interface AskTwice {
    /** The answers of a local activity, then of a regular one. */
    @WorkflowMethod
    List<List<Long>> ask();
  }

  public static final class AskTwiceImpl implements AskTwice {
    @Override
    public List<List<Long>> ask() {
      PatienceActivities local =
          Workflow.newLocalActivityStub(
              PatienceActivities.class,
              LocalActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .build());
      PatienceActivities regular =
          Workflow.newActivityStub(
              PatienceActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
      return List.of(local.patienceMillis(), regular.patienceMillis());
    }
  }

  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void givenNoActivity_whenAsked_itShouldKeepEveryPatience() {
    assertThat(ActivityPatience.runningLocally()).isFalse();
    assertThat(ActivityPatience.within(LONG)).isEqualTo(LONG);
  }

  @Test
  void givenALocalActivity_whenAsked_itShouldCutOnlyALongPatienceToTheLocalLimit() {
    Worker worker = env.newWorker("patience");
    worker.registerWorkflowImplementationTypes(AskTwiceImpl.class);
    worker.registerActivitiesImplementations(new AskingActivities());
    env.start();

    List<List<Long>> answers =
        env.getWorkflowClient()
            .newWorkflowStub(
                AskTwice.class, WorkflowOptions.newBuilder().setTaskQueue("patience").build())
            .ask();

    assertThat(answers.get(0)).containsExactly(ActivityPatience.LOCAL.toMillis(), SHORT.toMillis());
    assertThat(answers.get(1)).containsExactly(LONG.toMillis(), SHORT.toMillis());
  }
}
