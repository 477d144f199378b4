package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.WorkloadActivities;
import dev.envforge.workflows.lifecycle.SleepState;
import dev.envforge.workflows.lifecycle.WorkloadChange;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Instant;

/**
 * Puts an environment's workloads to sleep and wakes them, one change at a time: a sleep asked for
 * by a caller and one asked for by the schedule never run side by side. It changes the workloads;
 * the workflow decides the phase.
 */
final class WorkloadSleep {

  /** The failure type of a sleep or wake whose workloads could not be scaled. */
  static final String WORKLOADS_UNAVAILABLE = "WorkloadsUnavailable";

  private final WorkloadActivities workloads =
      Workflow.newActivityStub(WorkloadActivities.class, EnvironmentActivityOptions.WORKLOADS);

  private final WorkflowLock lock = Workflow.newWorkflowLock();
  private SleepState state;
  private Instant nextScheduledChange;

  /** Null if it never slept and has no schedule. */
  SleepState state() {
    if (state == null) {
      return nextScheduledChange == null
          ? null
          : new SleepState(false, null, null, null, null, nextScheduledChange);
    }
    return state.withNextScheduledChange(nextScheduledChange);
  }

  void nextScheduledChange(Instant at) {
    nextScheduledChange = at;
  }

  /** Waits for the change in progress, if any, to end; then holds the lock. */
  void lock() {
    lock.lock();
  }

  void unlock() {
    lock.unlock();
  }

  /** Scales the workloads to zero; the caller holds the lock. */
  void sleep(NamespaceSpec namespace, String by, Instant now) {
    WorkloadChange change = scale(namespace, true);
    state = new SleepState(true, now, by, change.changed(), change.leftAsIs(), null);
  }

  /** Restores the recorded counts; the caller holds the lock. */
  void wake(NamespaceSpec namespace, String by, Instant now) {
    WorkloadChange change = scale(namespace, false);
    state = new SleepState(false, now, by, change.changed(), change.leftAsIs(), null);
  }

  private WorkloadChange scale(NamespaceSpec namespace, boolean toSleep) {
    try {
      return toSleep ? workloads.sleep(namespace) : workloads.wake(namespace);
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newFailure(
          (toSleep ? "sleep" : "wake")
              + ": the workloads could not be scaled: "
              + StepRunner.describe(e),
          WORKLOADS_UNAVAILABLE);
    }
  }
}
