package dev.envforge.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The firewall refuses URLs with encoded slashes, semicolons, NUL and the like before anything else
 * sees them; this makes that refusal a 400 problem like every other bad input.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    String message = "contains characters or sequences that are not allowed in a URL";
    ProblemResponses.write(
        response,
        HttpServletResponse.SC_BAD_REQUEST,
        "invalid-request",
        "Invalid request",
        "path: " + message,
        Map.of("errors", List.of(Map.of("field", "path", "message", message))));
  }
}
