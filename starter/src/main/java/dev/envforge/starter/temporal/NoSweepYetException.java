package dev.envforge.starter.temporal;

/** No sweep has completed yet (or none is retained any more). */
public class NoSweepYetException extends RuntimeException {

  public NoSweepYetException() {
    super("no reaper sweep has completed yet; start one with POST /api/v1/reaper/sweeps");
  }
}
