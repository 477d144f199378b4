package dev.envforge.workflows.reaper;

import java.time.Duration;
import java.util.List;

/**
 * The worker's reaper configuration, read once per sweep so that replay sees the same values.
 *
 * @param namespacePrefix only namespaces whose name starts with it are considered
 * @param taskQueue the environment workflows' task queue; only their runs count as live or drifted
 * @param dryRun the default of sweeps that do not say: report only
 * @param orphanGrace how old a namespace without a running workflow must be to count as an orphan
 * @param clusters the registered clusters, each swept
 */
public record ReaperSettings(
    String namespacePrefix,
    String taskQueue,
    boolean dryRun,
    Duration orphanGrace,
    List<String> clusters) {}
