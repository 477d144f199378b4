package dev.envforge.starter.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Who may call the API. Authentication cannot be switched off: without tokens or a JWT issuer
 * configured, every call to the API is refused.
 *
 * @param tokens static API tokens for CI and bots, by their SHA-256 only
 * @param tokensFile a JSON file holding more token entries (same fields), e.g. a mounted Secret
 * @param jwt people and portals: OAuth2 bearer JWTs from an issuer
 * @param rateLimit mutating calls per caller
 * @param codecAdminOnly whether only admins may use the payload codec endpoint
 */
@ConfigurationProperties("envforge.security")
public record SecurityProperties(
    List<TokenEntry> tokens,
    Path tokensFile,
    Jwt jwt,
    RateLimit rateLimit,
    boolean codecAdminOnly) {

  public SecurityProperties {
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    jwt = jwt == null ? new Jwt(null, null, null, null, null, null) : jwt;
    rateLimit = rateLimit == null ? new RateLimit(0, 0) : rateLimit;
  }

  /**
   * One static API token.
   *
   * @param name who the token belongs to, as audit lines name it
   * @param sha256 the hex SHA-256 of the token; the token itself is never configured
   * @param teams the teams the token acts for
   * @param admin whether it acts for every team and may use admin endpoints
   * @param approverFor the teams whose requests it may approve or reject
   */
  public record TokenEntry(
      String name, String sha256, Set<String> teams, boolean admin, Set<String> approverFor) {
    @ConstructorBinding
    public TokenEntry {
      teams = teams == null ? Set.of() : Set.copyOf(teams);
      approverFor = approverFor == null ? Set.of() : Set.copyOf(approverFor);
    }

    /** An entry that approves for no team. */
    public TokenEntry(String name, String sha256, Set<String> teams, boolean admin) {
      this(name, sha256, teams, admin, Set.of());
    }
  }

  /**
   * Bearer JWTs, verified against the issuer's keys.
   *
   * @param issuerUri the {@code iss} every token must carry; its JWKS is discovered from it unless
   *     {@code jwkSetUri} is given
   * @param jwkSetUri where the signing keys are, if not discovered from the issuer
   * @param audience an {@code aud} every token must carry
   * @param teamsClaim the claim listing the caller's teams (a list, or a space-separated string)
   * @param adminTeam membership of this team (in the teams claim) makes the caller an admin
   * @param nameClaim the claim naming the caller in audit lines
   * @param approverClaim the claim listing the teams whose requests the caller may approve (a list,
   *     or a space-separated string); default {@code approver_for}
   */
  public record Jwt(
      String issuerUri,
      String jwkSetUri,
      String audience,
      String teamsClaim,
      String adminTeam,
      String nameClaim,
      String approverClaim) {

    /** Settings with the default approver claim. */
    public Jwt(
        String issuerUri,
        String jwkSetUri,
        String audience,
        String teamsClaim,
        String adminTeam,
        String nameClaim) {
      this(issuerUri, jwkSetUri, audience, teamsClaim, adminTeam, nameClaim, null);
    }

    @ConstructorBinding
    public Jwt {
      issuerUri = blankToNull(issuerUri);
      jwkSetUri = blankToNull(jwkSetUri);
      audience = blankToNull(audience);
      teamsClaim = teamsClaim == null || teamsClaim.isBlank() ? "teams" : teamsClaim;
      adminTeam = blankToNull(adminTeam);
      nameClaim = nameClaim == null || nameClaim.isBlank() ? "sub" : nameClaim;
      approverClaim =
          approverClaim == null || approverClaim.isBlank() ? "approver_for" : approverClaim;
    }

    public boolean enabled() {
      return issuerUri != null || jwkSetUri != null;
    }
  }

  /**
   * A token bucket per caller for POST, PUT, PATCH and DELETE, kept in each API replica's memory.
   *
   * @param capacity the burst a caller may make at once
   * @param perMinute the rate the bucket refills at
   */
  public record RateLimit(int capacity, int perMinute) {
    public RateLimit {
      capacity = capacity <= 0 ? 20 : capacity;
      perMinute = perMinute <= 0 ? 60 : perMinute;
    }

    public Duration refillInterval() {
      return Duration.ofMinutes(1).dividedBy(perMinute);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
