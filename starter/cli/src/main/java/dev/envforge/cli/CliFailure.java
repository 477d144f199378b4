package dev.envforge.cli;

/** A failure the CLI itself detects, with the exit code it means and a one-line message. */
public class CliFailure extends RuntimeException {

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
