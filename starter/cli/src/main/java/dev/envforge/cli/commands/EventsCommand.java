package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.ExitCodes;
import dev.envforge.cli.HumanDurations;
import dev.envforge.cli.output.OutputFormat;
import dev.envforge.cli.output.Printer;
import dev.envforge.client.Environment;
import dev.envforge.client.EnvironmentStep;
import dev.envforge.workflows.environment.Phase;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "events",
    description = {
      "Prints each change of an environment's status as it happens, until it is READY, FAILED or"
          + " DESTROYED.",
      "-o json prints one JSON document per line; -o table (the default) one line per change."
    })
public final class EventsCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "15m",
      converter = HumanDurations.class,
      description = "stop after this long (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Mixin OutputOption output;

  public EventsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Printer printer = context.printer();
    Environment last =
        context
            .client()
            .follow(
                environment.team(),
                environment.name(),
                status -> status.phase() == Phase.READY || status.phase().terminal(),
                timeout,
                status -> print(printer, status));
    return last.phase() == Phase.FAILED ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private void print(Printer printer, Environment status) {
    switch (output.format()) {
      case json -> printer.jsonLine(status);
      case yaml -> {
        context.out().println("---");
        printer.environment(status, OutputFormat.yaml);
      }
      case name -> context.out().println(status.ref() + " " + status.phase());
      case table ->
          context
              .out()
              .println(
                  status.ref()
                      + " "
                      + status.phase()
                      + " "
                      + status.steps().stream()
                          .map(EventsCommand::step)
                          .collect(Collectors.joining(" ")));
    }
    context.out().flush();
  }

  private static String step(EnvironmentStep step) {
    return step.step() + "=" + step.status();
  }
}
