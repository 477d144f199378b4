package dev.envforge.workflows.reaper;

/**
 * A namespace whose deletion a teardown requested.
 *
 * @param uid the namespace's uid: a namespace made again under the same name is not this one
 */
public record RequestedDeletion(String namespace, String uid) {}
