package dev.envforge.cli;

import dev.envforge.cli.commands.EnvforgeCommand;
import picocli.CommandLine;

/**
 * Runs one command line: parses it, runs the command, and turns every failure into its exit code
 * and one line on standard error.
 */
public final class Cli {

  private final CliContext context;

  public Cli(CliContext context) {
    this.context = context;
  }

  public CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new EnvforgeCommand(), new ContextFactory(context));
    commandLine
        .setOut(context.out())
        .setErr(context.err())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExitCodeExceptionMapper(ErrorLines::exitCode)
        .setExecutionExceptionHandler(
            (failure, command, parsed) -> {
              context.out().flush();
              command.getErr().println(ErrorLines.line(failure));
              command.getErr().flush();
              return ErrorLines.exitCode(failure);
            })
        .setParameterExceptionHandler(
            (failure, args) -> {
              CommandLine command = failure.getCommandLine();
              command.getErr().println("envforge: " + failure.getMessage());
              command
                  .getErr()
                  .println("see: " + command.getCommandSpec().qualifiedName() + " --help");
              command.getErr().flush();
              return ExitCodes.USAGE;
            });
    commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
    commandLine
        .getCommandSpec()
        .usageMessage()
        .exitCodeList(CommandLine.Model.UsageMessageSpec.keyValuesMap(ExitCodes.HELP));
    return commandLine;
  }

  public int execute(String... args) {
    int code = commandLine().execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  /** Gives each command the context through its constructor. */
  private record ContextFactory(CliContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(CliContext.class).newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
