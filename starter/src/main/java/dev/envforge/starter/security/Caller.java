package dev.envforge.starter.security;

import java.util.Set;

/**
 * Who is calling: a person or portal with a JWT, or a bot with a static API token.
 *
 * @param name the token entry's name or the JWT's subject; what audit lines and rate limits key on
 * @param teams the teams whose environments the caller may see and act on
 * @param admin sees and acts on every team's environments and may use admin endpoints
 * @param approverFor the teams whose requests the caller may approve or reject (admins may for
 *     every team)
 */
public record Caller(String name, Set<String> teams, boolean admin, Set<String> approverFor) {

  public Caller {
    teams = teams == null ? Set.of() : Set.copyOf(teams);
    approverFor = approverFor == null ? Set.of() : Set.copyOf(approverFor);
  }

  /** A caller who approves for no team. */
  public Caller(String name, Set<String> teams, boolean admin) {
    this(name, teams, admin, Set.of());
  }

  public boolean mayApproveFor(String team) {
    return admin || approverFor.contains(team);
  }

  public boolean mayActFor(String team) {
    return admin || teams.contains(team);
  }
}
