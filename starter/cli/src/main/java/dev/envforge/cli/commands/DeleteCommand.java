package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.client.Environment;
import dev.envforge.workflows.environment.Phase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "delete",
    description = {
      "Tears an environment down; repeating it changes nothing.",
      "With --wait, follows the teardown until the environment is DESTROYED, its namespace gone."
    })
public final class DeleteCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @Option(names = "--reason", paramLabel = "TEXT", description = "recorded in the status")
  String reason;

  @Mixin WaitOptions waiting;
  @Mixin OutputOption output;

  public DeleteCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Environment deleting = context.client().delete(environment.team(), environment.name(), reason);
    return Waits.printOrFollow(
        context, environment, deleting, Phase.DESTROYED, waiting, output.format());
  }
}
