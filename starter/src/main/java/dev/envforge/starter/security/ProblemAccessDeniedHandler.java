package dev.envforge.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 with a problem detail, for admin-only paths. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    ProblemResponses.write(
        response,
        HttpServletResponse.SC_FORBIDDEN,
        "forbidden",
        "Forbidden",
        "this needs an admin caller",
        Map.of());
  }
}
