package dev.envforge.cli;

/**
 * What {@code envforge} exits with. Scripts rely on these: never renumber one, only add.
 *
 * <ul>
 *   <li>0: done
 *   <li>1: an unexpected error
 *   <li>2: the command line is wrong (unknown option, bad duration, missing argument)
 *   <li>3: not logged in, or the API refused the token or the team (401, 403)
 *   <li>4: no such environment (404)
 *   <li>5: a conflict or limit: another spec under the name, not READY, beyond the maximum TTL, the
 *       team's limit, too many calls (409, 422, 429)
 *   <li>6: the environment FAILED
 *   <li>7: a {@code --wait} ran past its {@code --timeout}
 *   <li>8: the API could not be reached, or answered with a server error (5xx)
 * </ul>
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int USAGE = 2;
  public static final int NOT_AUTHORIZED = 3;
  public static final int NOT_FOUND = 4;
  public static final int CONFLICT = 5;
  public static final int FAILED = 6;
  public static final int TIMEOUT = 7;
  public static final int UNAVAILABLE = 8;

  /** The lines of {@code --help}'s "Exit codes" section. */
  static final String[] HELP = {
    "0:done",
    "1:an unexpected error",
    "2:the command line is wrong",
    "3:not logged in, or the token or team was refused (401, 403)",
    "4:no such environment (404)",
    "5:a conflict or limit (409, 422, 429)",
    "6:the environment FAILED",
    "7:--wait ran past --timeout",
    "8:the API is unreachable or failed (5xx)"
  };

  private ExitCodes() {}
}
