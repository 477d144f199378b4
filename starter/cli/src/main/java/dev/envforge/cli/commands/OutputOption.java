package dev.envforge.cli.commands;

import dev.envforge.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml|name}, on every command that reads. */
public final class OutputOption {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json, yaml or name (default: ${DEFAULT-VALUE})")
  OutputFormat format = OutputFormat.table;

  public OutputFormat format() {
    return format;
  }
}
