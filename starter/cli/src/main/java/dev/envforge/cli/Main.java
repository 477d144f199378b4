package dev.envforge.cli;

/** The {@code envforge} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(new Cli(CliContext.system()).execute(args));
  }
}
