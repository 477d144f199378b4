package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.HumanDurations;
import dev.envforge.client.Environment;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    description = {
      "Requests an environment. The same request again answers the live one; a different spec"
          + " under the same name is a conflict (exit 5).",
      "With --wait, follows it until READY (exit 0) or FAILED (exit 6)."
    })
public final class CreateCommand implements Callable<Integer> {

  /** What {@code --database} accepts. */
  enum Database {
    postgres,
    none
  }

  /** What {@code --driver} accepts. */
  enum Driver {
    direct,
    crossplane
  }

  /** What {@code --profile} accepts. */
  enum Size {
    small,
    medium,
    large
  }

  /** What {@code --capability} accepts: the request's capability keys. */
  enum CapabilityKey {
    statestore,
    secretstore
  }

  private final CliContext context;

  @Parameters(
      paramLabel = "TEAM/NAME",
      converter = EnvironmentRef.Converter.class,
      description = "the environment")
  EnvironmentRef environment;

  @Option(names = "--profile", paramLabel = "SIZE", description = "small, medium or large")
  Size profile;

  @Option(
      names = "--database",
      paramLabel = "KIND",
      defaultValue = "none",
      description = "postgres or none (default: ${DEFAULT-VALUE})")
  Database database;

  @Option(
      names = "--driver",
      paramLabel = "DRIVER",
      description = "how the database is made: direct or crossplane (default: direct)")
  Driver driver;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      converter = HumanDurations.class,
      description = "how long it lives, e.g. 8h, 90m, 2d or PT8H (default: the team's policy)")
  Duration ttl;

  @Option(
      names = "--capability",
      paramLabel = "CAPABILITY",
      split = ",",
      description =
          "a Dapr component in the environment: statestore (needs --database postgres) or"
              + " secretstore; repeatable or comma-separated (default: the profile's)")
  java.util.List<CapabilityKey> capabilities;

  @Option(names = "--keep", description = "never expire by TTL (where the TTL policy allows it)")
  boolean keep;

  @Option(names = "--dedicated", description = "on a cluster of its own instead of a shared one")
  boolean dedicated;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "the shared cluster (default: the registry's default)")
  String cluster;

  @Mixin WaitOptions waiting;
  @Mixin OutputOption output;

  public CreateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Environment created = context.client().create(request());
    return Waits.printOrFollow(
        context, environment, created, Phase.READY, waiting, output.format());
  }

  EnvironmentRequest request() {
    ClusterChoice placement =
        dedicated
            ? ClusterChoice.dedicated()
            : cluster == null ? ClusterChoice.sharedDefault() : ClusterChoice.shared(cluster);
    DatabaseChoice db =
        database == Database.postgres
            ? DatabaseChoice.postgres(
                driver == Driver.crossplane ? DatabaseDriver.CROSSPLANE : DatabaseDriver.DIRECT)
            : DatabaseChoice.none();
    return new EnvironmentRequest(
        environment.team(),
        environment.name(),
        placement,
        profile == null ? null : Profile.valueOf(profile.name().toUpperCase()),
        db,
        ttl == null ? null : ttl.toString(),
        keep,
        capabilities == null
            ? null
            : capabilities.stream()
                .map(
                    key ->
                        dev.envforge.workflows.request.Capability.valueOf(key.name().toUpperCase()))
                .toList());
  }
}
