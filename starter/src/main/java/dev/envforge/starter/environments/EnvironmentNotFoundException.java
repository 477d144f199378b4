package dev.envforge.starter.environments;

/** No workflow has ever run, or is still retained, under the environment's workflow id. */
public class EnvironmentNotFoundException extends RuntimeException {

  private final String team;
  private final String name;

  public EnvironmentNotFoundException(String team, String name) {
    super("no environment " + team + "/" + name);
    this.team = team;
    this.name = name;
  }

  public String team() {
    return team;
  }

  public String name() {
    return name;
  }
}
