package dev.envforge.workflows.reaper;

/**
 * The input of one sweep.
 *
 * @param dryRun {@code true}: only report; {@code false}: act; {@code null}: as the worker is
 *     configured ({@code envforge.reaper.dry-run})
 */
public record SweepRequest(Boolean dryRun) {

  public static SweepRequest configured() {
    return new SweepRequest(null);
  }

  public boolean dryRunOr(boolean configured) {
    return dryRun == null ? configured : dryRun;
  }
}
