package dev.envforge.starter.environments;

import java.util.List;
import java.util.stream.Collectors;

/** A live environment has the same team and name but a different spec. */
public class RequestConflictException extends RuntimeException {

  private final String team;
  private final String name;
  private final transient List<FieldDifference> differences;

  public RequestConflictException(String team, String name, List<FieldDifference> differences) {
    super(
        "environment "
            + team
            + "/"
            + name
            + " is live with a different spec: "
            + differences.stream().map(FieldDifference::field).collect(Collectors.joining(", ")));
    this.team = team;
    this.name = name;
    this.differences = List.copyOf(differences);
  }

  public String team() {
    return team;
  }

  public String name() {
    return name;
  }

  public List<FieldDifference> differences() {
    return differences;
  }
}
