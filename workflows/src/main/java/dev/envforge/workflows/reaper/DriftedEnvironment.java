package dev.envforge.workflows.reaper;

/** A READY environment whose namespace is gone from its cluster. */
public record DriftedEnvironment(String cluster, String namespace, String workflowId) {}
