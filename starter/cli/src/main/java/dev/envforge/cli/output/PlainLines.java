package dev.envforge.cli.output;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link LiveLines} for a pipe or a CI log: each line is printed once, when it first appears with
 * its current text; nothing is redrawn and no control character is written.
 */
public final class PlainLines implements LiveLines {

  private final PrintWriter out;
  private final Set<String> printed = new HashSet<>();

  public PlainLines(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void show(List<String> lines) {
    for (String line : lines) {
      if (printed.add(line)) {
        out.println(line);
      }
    }
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }
}
