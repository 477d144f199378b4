package dev.envforge.starter.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Accepts a bearer token that is one of the static API tokens. An unknown token is not refused here
 * but passed on (null), so the JWT provider may still accept it.
 */
final class StaticTokenAuthenticationProvider implements AuthenticationProvider {

  private final StaticApiTokens tokens;

  StaticTokenAuthenticationProvider(StaticApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    return tokens.authenticate(token).map(CallerAuthentication::new).orElse(null);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
