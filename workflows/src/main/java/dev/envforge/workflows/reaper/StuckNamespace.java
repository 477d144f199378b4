package dev.envforge.workflows.reaper;

/**
 * A namespace that was still there when the wait for its deletion ran out of patience.
 *
 * @param reason how long it was waited for and what keeps it (finalizers, the controller's
 *     conditions)
 */
public record StuckNamespace(String namespace, String reason) {}
