package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.CliFailure;
import dev.envforge.cli.ExitCodes;
import dev.envforge.cli.config.Login;
import dev.envforge.client.EnvforgeClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "login",
    description = {
      "Saves the API's address and a token in the config file (mode 0600), after checking that"
          + " the API accepts them.",
      "The token comes from --token-file, from standard input (--token-stdin), or from"
          + " ENVFORGE_TOKEN; it is never taken as an argument, where other users could see it."
    })
public final class LoginCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "the API, e.g. http://127.0.0.1:8080")
  URI server;

  @ArgGroup(exclusive = true)
  TokenSource source;

  static final class TokenSource {
    @Option(names = "--token-file", paramLabel = "FILE", description = "read the token from FILE")
    Path file;

    @Option(names = "--token-stdin", description = "read the token from standard input")
    boolean stdin;
  }

  public LoginCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String token = token();
    EnvforgeClient client = new EnvforgeClient(server, token);
    // Any authenticated read proves the token; one item is the cheapest.
    client.list(null, null, 1, null);
    context.config().write(new Login(client.server().toString(), token));
    context
        .err()
        .println("logged in to " + client.server() + "; saved in " + context.config().path());
    return ExitCodes.OK;
  }

  private String token() {
    String token;
    try {
      if (source != null && source.file != null) {
        token = Files.readString(source.file, StandardCharsets.UTF_8);
      } else if (source != null && source.stdin) {
        token = new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
      } else {
        token = context.environment().get("ENVFORGE_TOKEN");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token: " + e.getMessage(), e);
    }
    if (token == null || token.isBlank()) {
      throw new CliFailure(
          ExitCodes.USAGE, "no token: give --token-file FILE, --token-stdin or ENVFORGE_TOKEN");
    }
    return token.strip();
  }
}
