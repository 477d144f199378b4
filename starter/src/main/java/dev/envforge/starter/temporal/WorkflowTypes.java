package dev.envforge.starter.temporal;

import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.reaper.ReaperWorkflow;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;

/** Workflow types as the worker registers them, derived from the interfaces so none can drift. */
public final class WorkflowTypes {

  public static final String ENVIRONMENT = of(EnvironmentWorkflow.class);

  public static final String REAPER = of(ReaperWorkflow.class);

  private WorkflowTypes() {}

  private static String of(Class<?> workflowInterface) {
    return POJOWorkflowInterfaceMetadata.newInstance(workflowInterface)
        .getWorkflowMethod()
        .orElseThrow()
        .getName();
  }
}
