package dev.envforge.starter.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import org.junit.jupiter.api.Test;

class TemporalFailuresTest {

  static final WorkflowExecution RUN =
      WorkflowExecution.newBuilder().setWorkflowId("environment/a/b").setRunId("r").build();

  @Test
  void givenAnUnreachableServer_whenCalled_itShouldBeUnavailableButNotTimedOut() {
    assertThatThrownBy(() -> TemporalFailures.translated(() -> fail(Status.UNAVAILABLE)))
        .isInstanceOfSatisfying(
            TemporalUnavailableException.class,
            e -> {
              assertThat(e.timedOut()).isFalse();
              assertThat(e.getMessage()).isEqualTo("Temporal is unavailable");
            });
  }

  @Test
  void givenADeadlineDeepInTheCauses_whenCalled_itShouldBeTimedOut() {
    assertThatThrownBy(
            () ->
                TemporalFailures.translated(
                    () -> {
                      throw new WorkflowServiceException(
                          RUN, null, new StatusRuntimeException(Status.DEADLINE_EXCEEDED));
                    }))
        .isInstanceOfSatisfying(
            TemporalUnavailableException.class, e -> assertThat(e.timedOut()).isTrue());
  }

  @Test
  void givenNoPollerOnTheTaskQueue_whenCalled_itShouldBeAMissingWorkerNotAFailure() {
    assertThatThrownBy(
            () ->
                TemporalFailures.translated(
                    () -> {
                      throw new WorkflowServiceException(
                          RUN,
                          "EnvironmentWorkflow",
                          new StatusRuntimeException(
                              Status.FAILED_PRECONDITION.withDescription(
                                  "no poller seen for task queue recently")));
                    }))
        .isInstanceOfSatisfying(
            WorkerUnavailableException.class,
            e -> {
              assertThat(e.timedOut()).isFalse();
              assertThat(e.getMessage()).contains("no worker");
            });
  }

  @Test
  void givenAnotherFailedPrecondition_whenCalled_itShouldPassUnchanged() {
    StatusRuntimeException other =
        new StatusRuntimeException(Status.FAILED_PRECONDITION.withDescription("something else"));
    assertThatThrownBy(
            () ->
                TemporalFailures.translated(
                    () -> {
                      throw other;
                    }))
        .isSameAs(other);
  }

  @Test
  void givenAnyOtherFailure_whenCalled_itShouldPassUnchanged() {
    IllegalStateException failure = new IllegalStateException("x");
    assertThatThrownBy(
            () ->
                TemporalFailures.translated(
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);
  }

  @Test
  void givenAMissingWorkflowEitherWay_whenCalledUnlessNotFound_itShouldBeEmpty() {
    assertThat(TemporalFailures.unlessNotFound(() -> fail(Status.NOT_FOUND))).isEmpty();
    assertThat(
            TemporalFailures.unlessNotFound(
                () -> {
                  throw new WorkflowNotFoundException(RUN, "EnvironmentWorkflow", null);
                }))
        .isEmpty();
    assertThat(TemporalFailures.unlessNotFound(() -> "found")).contains("found");
    assertThatThrownBy(() -> TemporalFailures.unlessNotFound(() -> fail(Status.INTERNAL)))
        .isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void givenARefusedArgument_whenAsked_itShouldSaySo() {
    assertThat(
            TemporalFailures.isInvalidArgument(new StatusRuntimeException(Status.INVALID_ARGUMENT)))
        .isTrue();
    assertThat(TemporalFailures.isInvalidArgument(new IllegalStateException())).isFalse();
  }

  private static String fail(Status status) {
    throw new StatusRuntimeException(status);
  }
}
