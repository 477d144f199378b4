package dev.envforge.workflows.activities;

import dev.envforge.workflows.request.Profile;

/** A cluster of its own for one environment, as a Crossplane composite {@code Cluster}. */
public record DedicatedClusterSpec(
    String compositeName, Profile profile, EnvironmentLabels labels) {}
