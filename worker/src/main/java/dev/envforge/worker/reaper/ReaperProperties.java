package dev.envforge.worker.reaper;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reaper, under {@code envforge.reaper.*}.
 *
 * @param enabled whether the worker creates (or updates) the reaper's schedule when it starts; the
 *     reaper's workflows are registered either way, so sweeps can still be started by hand
 * @param scheduleId the Temporal Schedule's id
 * @param interval how often the schedule starts a sweep
 * @param paused create or update the schedule paused
 * @param dryRun the default of sweeps that do not say: report only, change nothing
 * @param orphanGrace how old a managed namespace without a running workflow must be to be torn down
 *     as an orphan
 */
@ConfigurationProperties("envforge.reaper")
public record ReaperProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("envforge-reaper") String scheduleId,
    @DefaultValue("PT15M") Duration interval,
    @DefaultValue("false") boolean paused,
    @DefaultValue("true") boolean dryRun,
    @DefaultValue("PT1H") Duration orphanGrace) {}
