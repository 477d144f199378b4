package dev.envforge.workflows.reaper;

import java.util.List;

/** The namespaces of one cluster whose deletion a sweep's teardowns requested. */
public record DeletionWatch(String cluster, List<RequestedDeletion> namespaces) {}
