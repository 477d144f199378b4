package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "wake",
    description =
        "Restores the replicas sleep recorded; workloads made while asleep are left as they are and listed. Again while awake changes nothing.")
public final class WakeCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @Mixin OutputOption output;

  public WakeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context
        .printer()
        .environment(
            context.client().wake(environment.team(), environment.name()), output.format());
    return ExitCodes.OK;
  }
}
