package dev.envforge.worker.reaper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * @param teams only these teams' environments are swept; empty for every team
 * @param postgresServers Postgres servers searched for leftover databases besides the direct
 *     driver's own, by the name the report uses
 */
@ConfigurationProperties("envforge.reaper")
public record ReaperProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("envforge-reaper") String scheduleId,
    @DefaultValue("PT15M") Duration interval,
    @DefaultValue("false") boolean paused,
    @DefaultValue("true") boolean dryRun,
    @DefaultValue("PT1H") Duration orphanGrace,
    List<String> teams,
    Map<String, OtherPostgres> postgresServers) {

  /**
   * The name the report gives the {@code direct} driver's own server ({@code envforge.postgres}).
   */
  public static final String DIRECT_POSTGRES = "direct";

  public ReaperProperties {
    teams = teams == null ? List.of() : teams.stream().filter(t -> !t.isBlank()).toList();
    postgresServers = postgresServers == null ? Map.of() : Map.copyOf(postgresServers);
    if (postgresServers.containsKey(DIRECT_POSTGRES)) {
      throw new IllegalArgumentException(
          "envforge.reaper.postgres-servers."
              + DIRECT_POSTGRES
              + " is the direct driver's own server (envforge.postgres); give the other one"
              + " another name");
    }
  }

  /**
   * A Postgres server that holds envforge databases but is not the {@code direct} driver's (any
   * more): a former server after a move, another worker pool's. Only searched and cleaned.
   *
   * @param adminPasswordFile file holding the admin password, read on every connection
   */
  public record OtherPostgres(String adminUrl, String adminUser, Path adminPasswordFile) {}
}
