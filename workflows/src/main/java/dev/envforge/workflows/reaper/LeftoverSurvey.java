package dev.envforge.workflows.reaper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The input of one survey of declared leftovers: one declaration in the management cluster, or the
 * databases of one Postgres server.
 *
 * @param declaration what to look for
 * @param postgresServer the configured server's name, for {@link LeftoverPlacement#POSTGRES}
 * @param namespacePrefix the worker's namespace prefix: a database counts only when its name is the
 *     one this prefix gives its environment, and an object only when it is not in its environment's
 *     own namespace (which the namespace sweep handles)
 * @param teams only environments of these teams; empty for every team
 * @param clusters the registered clusters, where an environment's namespace may still be
 * @param now the sweep's time, from the workflow
 */
public record LeftoverSurvey(
    LeftoverDeclaration declaration,
    String postgresServer,
    String namespacePrefix,
    List<String> teams,
    List<String> clusters,
    Instant now,
    Duration orphanGrace) {}
