package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Prints the CLI's version.")
public final class VersionCommand implements Callable<Integer> {

  private final CliContext context;

  public VersionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out().println("envforge " + CliVersion.version());
    return ExitCodes.OK;
  }
}
