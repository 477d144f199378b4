package dev.envforge.workflows.reaper;

import java.util.List;

/** Which live environments a drift check covers: this worker's task queue, prefix and clusters. */
public record DriftRequest(String namespacePrefix, String taskQueue, List<String> clusters) {}
