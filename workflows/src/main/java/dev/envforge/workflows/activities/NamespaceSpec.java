package dev.envforge.workflows.activities;

import dev.envforge.workflows.request.Profile;

/** The hardened namespace of one environment. */
public record NamespaceSpec(
    ClusterRef cluster, String namespace, Profile profile, EnvironmentLabels labels) {}
