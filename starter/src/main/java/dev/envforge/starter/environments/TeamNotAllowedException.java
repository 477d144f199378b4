package dev.envforge.starter.environments;

/** The caller asked for an environment in a team it does not act for. */
public class TeamNotAllowedException extends RuntimeException {

  private final String team;

  public TeamNotAllowedException(String team) {
    this(team, "you may not request environments for team " + team);
  }

  protected TeamNotAllowedException(String team, String message) {
    super(message);
    this.team = team;
  }

  public String team() {
    return team;
  }
}
