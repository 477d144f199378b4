package dev.envforge.starter.temporal;

import java.time.Duration;

/**
 * What every starting-side application (the API, the operator) tells its calls to Temporal: where
 * environment workflows run and how long a query or an update may wait for a worker. Each
 * application makes this from its own settings, so the gateway does not depend on either.
 *
 * @param taskQueue the shared task queue the workers poll
 * @param queryTimeout how long a status query waits for a worker to answer
 * @param updateTimeout how long an update (extend, destroy, a quota reservation) waits
 */
public record TemporalCallSettings(
    String taskQueue, Duration queryTimeout, Duration updateTimeout) {}
