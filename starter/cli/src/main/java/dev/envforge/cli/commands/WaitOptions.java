package dev.envforge.cli.commands;

import dev.envforge.cli.HumanDurations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and how long to wait. */
public final class WaitOptions {

  @Option(
      names = "--wait",
      description = "follow the environment until it settles, showing every step")
  boolean wait;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "15m",
      converter = HumanDurations.class,
      description = "give up waiting after this long, e.g. 10m (default: ${DEFAULT-VALUE})")
  Duration timeout;
}
