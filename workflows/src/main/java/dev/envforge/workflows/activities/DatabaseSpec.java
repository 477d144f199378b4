package dev.envforge.workflows.activities;

/**
 * One environment's database. {@code secretName} is where, in {@code namespace}, the activity
 * writes the connection Secret; the password itself never leaves the activity.
 */
public record DatabaseSpec(
    ClusterRef cluster,
    String namespace,
    String databaseName,
    String roleName,
    String secretName,
    EnvironmentLabels labels) {}
