package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = {
      "Prints a shell completion script.",
      "bash: source <(envforge completion bash)",
      "zsh:  source <(envforge completion zsh)"
    })
public final class CompletionCommand implements Callable<Integer> {

  /** The shells with a script. */
  enum Shell {
    bash,
    zsh
  }

  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh")
  Shell shell;

  public CompletionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String script = AutoComplete.bash("envforge", spec.root().commandLine());
    if (shell == Shell.zsh) {
      // picocli's script is for bash; zsh runs it through its bash completion layer.
      context.out().println("autoload -U +X compinit && compinit");
      context.out().println("autoload -U +X bashcompinit && bashcompinit");
    }
    context.out().print(script);
    context.out().flush();
    return ExitCodes.OK;
  }
}
