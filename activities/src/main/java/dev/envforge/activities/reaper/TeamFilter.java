package dev.envforge.activities.reaper;

import java.util.List;
import java.util.Set;

/**
 * Which teams' environments the reaper may touch: every team, or only those configured (to bring
 * the reaper in team by team, or to keep it off teams that another installation looks after). Pure.
 */
record TeamFilter(Set<String> teams) {

  static TeamFilter of(List<String> teams) {
    return new TeamFilter(teams == null ? Set.of() : Set.copyOf(teams));
  }

  boolean allows(String team) {
    return teams.isEmpty() || (team != null && teams.contains(team));
  }

  /**
   * Whether an environment id may belong to an allowed team. Postgres comments carry the id only,
   * and team and name are joined by a dash that either may also contain, so any allowed team the id
   * starts with will do.
   */
  boolean allowsEnvironment(String environmentId) {
    return teams.isEmpty() || teams.stream().anyMatch(t -> environmentId.startsWith(t + "-"));
  }
}
