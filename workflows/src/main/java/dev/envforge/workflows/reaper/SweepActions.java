package dev.envforge.workflows.reaper;

import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;

/** The report's line for each thing a sweep did, and the words for what went wrong. Pure. */
final class SweepActions {

  private SweepActions() {}

  /** What a finished teardown child (or the refusal to start it) means for the report. */
  static SweepAction teardown(
      AbandonedNamespace namespace, TeardownOutcome outcome, RuntimeException failure) {
    if (failure == null) {
      return switch (outcome) {
        case TORN_DOWN, DELETION_REQUESTED -> of(namespace, ActionOutcome.TORN_DOWN, null);
        case SKIPPED ->
            of(namespace, ActionOutcome.SKIPPED, "no longer abandoned when the teardown began");
      };
    }
    if (failure instanceof ChildWorkflowFailure child
        && child.getCause() instanceof WorkflowExecutionAlreadyStarted) {
      return of(namespace, ActionOutcome.ALREADY_HANDLED, "another sweep's teardown has it");
    }
    return of(namespace, ActionOutcome.FAILED, rootMessage(failure));
  }

  static SweepAction of(AbandonedNamespace namespace, ActionOutcome outcome, String detail) {
    return new SweepAction(
        namespace.cluster(),
        namespace.namespace(),
        namespace.verdict(),
        namespace.teardownWorkflowId(),
        outcome,
        detail);
  }

  static SweepAction of(FoundLeftover leftover, ActionOutcome outcome, String detail) {
    return new SweepAction(
        leftover.location(),
        leftover.namespace() == null
            ? leftover.name()
            : leftover.namespace() + "/" + leftover.name(),
        leftover.verdict(),
        leftover.workflowId(),
        outcome,
        detail,
        leftover.kind());
  }

  static SweepAction of(DriftedEnvironment environment, ActionOutcome outcome, String detail) {
    return new SweepAction(
        environment.cluster(),
        environment.namespace(),
        EnvironmentClass.DRIFTED,
        environment.workflowId(),
        outcome,
        detail);
  }

  /** The innermost message: what actually went wrong, without the SDK's wrappers. */
  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure application
        ? application.getOriginalMessage()
        : cause.getMessage();
  }
}
