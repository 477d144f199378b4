package dev.envforge.workflows.reaper;

import java.time.Duration;
import java.time.Instant;

/**
 * One page of the managed namespaces of one cluster.
 *
 * @param now the sweep's time, from the workflow, so that every page judges expiry alike
 * @param continueToken the Kubernetes list continuation of the previous page; null for the first
 */
public record SurveyRequest(
    String cluster,
    String namespacePrefix,
    Instant now,
    Duration orphanGrace,
    int pageSize,
    String continueToken) {}
