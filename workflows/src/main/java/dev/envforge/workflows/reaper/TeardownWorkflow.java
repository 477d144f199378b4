package dev.envforge.workflows.reaper;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Tears down an environment whose own workflow is gone: its database and role (when it has them),
 * then its namespace. Its id is {@link AbandonedNamespace#teardownWorkflowId()}, so one namespace
 * is torn down by one run however many sweeps find it.
 */
@WorkflowInterface
public interface TeardownWorkflow {

  /**
   * @param confirmation who waits until the namespace is gone; null means {@link
   *     DeletionConfirmation#TEARDOWN_WAITS}
   */
  @WorkflowMethod
  TeardownOutcome tearDown(AbandonedNamespace namespace, DeletionConfirmation confirmation);
}
