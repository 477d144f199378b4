package dev.envforge.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 with a problem detail. It never says why a token was refused (unknown, expired, wrong
 * audience): that would help whoever is guessing; the server log at debug level has it.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE,
        presented ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"envforge\"");
    ProblemResponses.write(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "unauthenticated",
        "Authentication required",
        presented
            ? "the bearer token was not accepted"
            : "send an API token or a JWT as 'Authorization: Bearer <token>'",
        Map.of());
  }
}
