package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.ExitCodes;
import dev.envforge.cli.HumanDurations;
import dev.envforge.workflows.environment.ExtendRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "extend",
    description =
        "Moves a READY environment's expiry: --by adds to it, --until sets it. At most the maximum"
            + " TTL ahead of now (else exit 5).")
public final class ExtendCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @ArgGroup(exclusive = true, multiplicity = "1")
  NewExpiry expiry;

  static final class NewExpiry {
    @Option(
        names = "--by",
        paramLabel = "DURATION",
        converter = HumanDurations.class,
        description = "add this to the expiry, e.g. 2h")
    Duration by;

    @Option(
        names = "--until",
        paramLabel = "TIME",
        description = "the new expiry, e.g. 2030-01-01T00:00:00Z")
    Instant until;
  }

  @Mixin OutputOption output;

  public ExtendCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ExtendRequest request =
        expiry.by != null
            ? ExtendRequest.by(expiry.by.toString())
            : ExtendRequest.until(expiry.until);
    context
        .printer()
        .environment(
            context.client().extend(environment.team(), environment.name(), request),
            output.format());
    return ExitCodes.OK;
  }
}
