package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "reject",
    description =
        "Rejects an environment that awaits approval; it ends REJECTED with the reason, nothing made.")
public final class RejectCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      required = true,
      description = "why; required, shown in the status")
  String reason;

  @Mixin OutputOption output;

  public RejectCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context
        .printer()
        .environment(
            context.client().reject(environment.team(), environment.name(), reason),
            output.format());
    return ExitCodes.OK;
  }
}
