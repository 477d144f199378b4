package dev.envforge.cli.output;

/** How a read prints: a table for people, JSON or YAML for programs, names for shell loops. */
public enum OutputFormat {
  table,
  json,
  yaml,
  name
}
