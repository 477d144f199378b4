package dev.envforge.workflows.activities;

/**
 * What Argo CD is told about one environment: names and references only. A dedicated cluster's
 * credentials stay in its connection Secret; the activity reads them from there.
 *
 * @param cluster the cluster the environment's namespace is on
 * @param namespace the environment's namespace, the one destination Argo CD may deploy to
 */
public record ArgoCdRegistrationSpec(
    ClusterRef cluster, String namespace, EnvironmentLabels labels) {}
