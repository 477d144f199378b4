package dev.envforge.workflows.reaper;

import java.util.List;

/**
 * Leftovers to remove, with what their last check needs.
 *
 * @param namespacePrefix the worker's prefix: a database's namespace is {@code <prefix><id>}
 * @param clusters the registered clusters, where that namespace may have come back
 * @param declarations the management cluster's declarations the sweep began with, by which the
 *     objects are found again
 */
public record RemovalRequest(
    String namespacePrefix,
    List<String> clusters,
    List<FoundLeftover> leftovers,
    List<LeftoverDeclaration> declarations) {}
