package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.ExitCodes;
import dev.envforge.cli.HumanDurations;
import dev.envforge.cli.output.LiveLines;
import dev.envforge.cli.output.OutputFormat;
import dev.envforge.cli.output.PlainLines;
import dev.envforge.client.EnvforgeClient;
import dev.envforge.client.EnvironmentListItem;
import dev.envforge.client.EnvironmentPage;
import dev.envforge.workflows.environment.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    description = {
      "Lists environments, newest first: the caller's teams', or everyone's for an admin.",
      "With --watch, keeps the list current: redrawn in place on a terminal; in a pipe, a row is"
          + " printed whenever it changes. Ends with Ctrl-C."
    })
public final class ListCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--team", paramLabel = "TEAM", description = "only this team's environments")
  String team;

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      description = "only environments in this phase, e.g. READY")
  Phase phase;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "500",
      description = "at most this many (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(
      names = {"-w", "--watch"},
      description = "keep watching")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = HumanDurations.class,
      description = "how often --watch asks (default: ${DEFAULT-VALUE})")
  Duration interval;

  @Mixin OutputOption output;

  public ListCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    EnvforgeClient client = context.client();
    if (!watch) {
      context.printer().list(all(client), output.format());
      return ExitCodes.OK;
    }
    boolean table = output.format() == OutputFormat.table;
    LiveLines live = table ? context.liveLinesOrNull() : null;
    try (LiveLines lines = live != null ? live : new PlainLines(context.out())) {
      while (!Thread.currentThread().isInterrupted()) {
        List<EnvironmentListItem> items = all(client);
        if (table) {
          lines.show(context.printer().listTable(items));
        } else if (output.format() == OutputFormat.json) {
          items.forEach(context.printer()::jsonLine);
        } else {
          lines.show(items.stream().map(item -> item.ref() + " " + item.phase()).toList());
        }
        Thread.sleep(interval.toMillis());
      }
    }
    return ExitCodes.OK;
  }

  private List<EnvironmentListItem> all(EnvforgeClient client) {
    List<EnvironmentListItem> items = new ArrayList<>();
    String pageToken = null;
    do {
      EnvironmentPage page =
          client.list(team, phase == null ? null : phase.name(), Math.min(100, limit), pageToken);
      items.addAll(page.items());
      pageToken = page.nextPageToken();
    } while (pageToken != null && items.size() < limit);
    return items.size() > limit ? items.subList(0, limit) : items;
  }
}
