package dev.envforge.workflows.reaper;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One sweep over every registered and dedicated cluster: classifies the managed namespaces, tears
 * down the expired and orphaned ones (unless a dry run), signals the environments whose namespace
 * was deleted by hand, and returns the {@link SweepReport}. A Temporal Schedule starts one every
 * interval; the API can start one at once.
 */
@WorkflowInterface
public interface ReaperWorkflow {

  @WorkflowMethod
  SweepReport sweep(SweepRequest request);
}
