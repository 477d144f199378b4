package dev.envforge.cli;

import dev.envforge.cli.config.ConfigFile;
import dev.envforge.cli.config.Login;
import dev.envforge.cli.output.LiveLines;
import dev.envforge.cli.output.PlainLines;
import dev.envforge.cli.output.Printer;
import dev.envforge.cli.output.StepProgress;
import dev.envforge.cli.output.TerminalLiveLines;
import dev.envforge.client.EnvforgeClient;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every command works with: where to print, whether a person watches a terminal, the saved
 * login and the client made from it. {@code ENVFORGE_SERVER} and {@code ENVFORGE_TOKEN} override
 * the saved login.
 */
public final class CliContext {

  private final Map<String, String> environment;
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final boolean terminal;
  private final Clock clock;
  private final Supplier<LiveLines> terminalLines;

  public CliContext(
      Map<String, String> environment,
      PrintWriter out,
      PrintWriter err,
      InputStream in,
      boolean terminal,
      Clock clock,
      Supplier<LiveLines> terminalLines) {
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.in = in;
    this.terminal = terminal;
    this.clock = clock;
    this.terminalLines = terminalLines;
  }

  /** The real process: its streams, and a terminal if both ends of it are one. */
  public static CliContext system() {
    Map<String, String> environment = System.getenv();
    boolean terminal =
        System.console() != null
            && !"dumb".equals(environment.get("TERM"))
            && environment.get("NO_COLOR") == null;
    return new CliContext(
        environment,
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        System.in,
        terminal,
        Clock.systemUTC(),
        TerminalLiveLines::open);
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public Clock clock() {
    return clock;
  }

  public Map<String, String> environment() {
    return environment;
  }

  public boolean terminal() {
    return terminal;
  }

  public Printer printer() {
    return new Printer(out, clock);
  }

  public ConfigFile config() {
    return ConfigFile.locate(environment);
  }

  /**
   * Progress for a wait: redrawn in place on a terminal, plain lines anywhere else.
   *
   * @param toStandardError when standard output carries a document (JSON, YAML) after the wait
   */
  public StepProgress progress(boolean toStandardError) {
    if (terminal && !toStandardError) {
      out.flush();
      LiveLines lines = terminalLines.get();
      if (lines != null) {
        return new StepProgress(lines, clock, true);
      }
    }
    return new StepProgress(new PlainLines(toStandardError ? err : out), clock, false);
  }

  /** A live block for {@code list --watch}, or null in a pipe. */
  public LiveLines liveLinesOrNull() {
    if (!terminal) {
      return null;
    }
    out.flush();
    return terminalLines.get();
  }

  public EnvforgeClient client() {
    Login saved = config().read();
    String server = environment.get("ENVFORGE_SERVER");
    if (server == null || server.isBlank()) {
      server = saved == null ? null : saved.server();
    }
    String token = environment.get("ENVFORGE_TOKEN");
    if (token == null || token.isBlank()) {
      token = saved == null ? null : saved.token();
    }
    if (server == null || server.isBlank()) {
      throw new CliFailure(
          ExitCodes.NOT_AUTHORIZED, "not logged in: run envforge login --server URL first");
    }
    return new EnvforgeClient(URI.create(server), token);
  }
}
