package dev.envforge.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One line on the {@code envforge.audit} logger for every mutating call: who, what, which
 * environment, and how it ended. It names no token, body or secret; values that came from the
 * caller are reduced to printable characters and cut short, so a line cannot be forged.
 */
public final class AuditLogFilter extends OncePerRequestFilter {

  /** Where a handler that reads the environment from the body puts {@code team/name}. */
  public static final String ENVIRONMENT_ATTRIBUTE = AuditLogFilter.class.getName() + ".env";

  private static final Logger AUDIT = LoggerFactory.getLogger("envforge.audit");
  private static final int MAX_VALUE = 80;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !RateLimitFilter.MUTATING.contains(request.getMethod());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String outcome = null;
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      outcome = "error";
      throw e;
    } finally {
      int status = response.getStatus();
      AUDIT.info(
          "caller={} action=\"{} {}\" environment={} status={} result={}",
          clean(Callers.nameOrAnonymous()),
          request.getMethod(),
          clean(request.getRequestURI()),
          clean(environment(request)),
          status,
          outcome != null ? outcome : result(status));
    }
  }

  private static String result(int status) {
    if (status < 400) {
      return "ok";
    }
    return switch (status) {
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 409 -> "conflict";
      case 429 -> "limited";
      default -> status < 500 ? "refused" : "failed";
    };
  }

  private static String environment(HttpServletRequest request) {
    Object fromBody = request.getAttribute(ENVIRONMENT_ATTRIBUTE);
    if (fromBody != null) {
      return fromBody.toString();
    }
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> map && map.get("team") != null && map.get("name") != null) {
      return map.get("team") + "/" + map.get("name");
    }
    return "-";
  }

  static String clean(String value) {
    if (value == null) {
      return "-";
    }
    StringBuilder printable = new StringBuilder();
    value
        .codePoints()
        .limit(MAX_VALUE)
        .forEach(
            c -> printable.append(c >= 0x21 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '?'));
    return value.codePointCount(0, value.length()) > MAX_VALUE
        ? printable + "..."
        : printable.toString();
  }
}
