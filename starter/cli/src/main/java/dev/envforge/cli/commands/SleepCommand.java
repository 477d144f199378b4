package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "sleep",
    description =
        "Scales every Deployment and StatefulSet of a READY environment to zero, recording their replicas; the expiry keeps running. Again while asleep changes nothing.")
public final class SleepCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @Mixin OutputOption output;

  public SleepCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context
        .printer()
        .environment(
            context.client().sleep(environment.team(), environment.name()), output.format());
    return ExitCodes.OK;
  }
}
