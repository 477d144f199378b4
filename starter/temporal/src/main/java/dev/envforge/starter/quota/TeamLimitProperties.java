package dev.envforge.starter.quota;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many live environments (running workflows) a team may have.
 *
 * @param maxLiveEnvironments every team's limit unless {@code teams} says otherwise
 * @param teams limits of single teams, by team name
 */
@ConfigurationProperties("envforge.limits")
public record TeamLimitProperties(Integer maxLiveEnvironments, Map<String, Integer> teams) {

  public TeamLimitProperties {
    maxLiveEnvironments = maxLiveEnvironments == null ? 20 : maxLiveEnvironments;
    teams = teams == null ? Map.of() : Map.copyOf(teams);
  }

  public int limitOf(String team) {
    return teams.getOrDefault(team, maxLiveEnvironments);
  }
}
