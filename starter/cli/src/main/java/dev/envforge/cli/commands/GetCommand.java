package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Shows an environment: phase, steps, outputs and expiry.")
public final class GetCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @Mixin OutputOption output;

  public GetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context
        .printer()
        .environment(context.client().get(environment.team(), environment.name()), output.format());
    return ExitCodes.OK;
  }
}
