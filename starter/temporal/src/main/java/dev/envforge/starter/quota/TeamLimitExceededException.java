package dev.envforge.starter.quota;

/** The team already has as many live environments as its limit allows. */
public class TeamLimitExceededException extends RuntimeException {

  private final String team;
  private final int limit;
  private final int live;

  public TeamLimitExceededException(String team, int limit, int live) {
    super(
        "team "
            + team
            + " has "
            + live
            + " live environments and may have at most "
            + limit
            + "; destroy one or ask for a higher limit");
    this.team = team;
    this.limit = limit;
    this.live = live;
  }

  public String team() {
    return team;
  }

  public int limit() {
    return limit;
  }

  public int live() {
    return live;
  }
}
