package dev.envforge.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "envforge",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    description = "Development environments on Kubernetes, through the envforge API.",
    footer = {
      "",
      "Logs in once (envforge login), then: create TEAM/NAME --wait, kubeconfig, extend, delete.",
      "ENVFORGE_SERVER and ENVFORGE_TOKEN override the saved login."
    },
    subcommands = {
      LoginCommand.class,
      CreateCommand.class,
      GetCommand.class,
      ListCommand.class,
      ExtendCommand.class,
      DeleteCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      SleepCommand.class,
      WakeCommand.class,
      KubeconfigCommand.class,
      EventsCommand.class,
      OpenCommand.class,
      CompletionCommand.class,
      VersionCommand.class
    })
public final class EnvforgeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return dev.envforge.cli.ExitCodes.USAGE;
  }
}
