package dev.envforge.cli.output;

import java.util.List;

/** A block of lines on a terminal that is redrawn in place as it changes. */
public interface LiveLines extends AutoCloseable {

  void show(List<String> lines);

  /** Leaves the last lines on the screen and the cursor below them. */
  @Override
  void close();
}
