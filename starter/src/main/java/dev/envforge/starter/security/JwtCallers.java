package dev.envforge.starter.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns a verified JWT into a {@link Caller}: its teams from the configured claim. */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

  private final SecurityProperties.Jwt settings;

  JwtCallers(SecurityProperties.Jwt settings) {
    this.settings = settings;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    Set<String> teams = teams(jwt.getClaims().get(settings.teamsClaim()));
    boolean admin = settings.adminTeam() != null && teams.contains(settings.adminTeam());
    Object name = jwt.getClaims().get(settings.nameClaim());
    String caller = name == null ? jwt.getSubject() : name.toString();
    Set<String> approverFor = teams(jwt.getClaims().get(settings.approverClaim()));
    return new CallerAuthentication(new Caller("jwt:" + caller, teams, admin, approverFor));
  }

  /** A JSON list of names, or one string of names separated by spaces or commas. */
  static Set<String> teams(Object claim) {
    Set<String> teams = new LinkedHashSet<>();
    if (claim instanceof Collection<?> values) {
      values.forEach(value -> teams.add(String.valueOf(value)));
    } else if (claim instanceof String value) {
      Arrays.stream(value.split("[\\s,]+")).filter(team -> !team.isEmpty()).forEach(teams::add);
    }
    return teams;
  }
}
