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
    name = "approve",
    description =
        "Approves an environment that awaits approval; provisioning begins at once. Only admins and the team's approvers may (else exit 3); the caller who asked may not unless the policy allows it.")
public final class ApproveCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, shown in the status")
  String reason;

  @Mixin OutputOption output;

  public ApproveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context
        .printer()
        .environment(
            context.client().approve(environment.team(), environment.name(), reason),
            output.format());
    return ExitCodes.OK;
  }
}
