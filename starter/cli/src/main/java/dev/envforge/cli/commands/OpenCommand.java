package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.CliFailure;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.ExitCodes;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "open",
    description = "Prints the environment's run in the Temporal UI, and opens it with --browser.")
public final class OpenCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @Option(names = "--browser", description = "open the link with xdg-open (or open on macOS)")
  boolean browser;

  public OpenCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String link = context.client().get(environment.team(), environment.name()).temporalUiUrl();
    if (link == null) {
      throw new CliFailure(ExitCodes.ERROR, "the API knows no Temporal UI link for " + environment);
    }
    context.out().println(link);
    if (browser) {
      String opener = System.getProperty("os.name", "").startsWith("Mac") ? "open" : "xdg-open";
      new ProcessBuilder(opener, link).inheritIO().start();
    }
    return ExitCodes.OK;
  }
}
