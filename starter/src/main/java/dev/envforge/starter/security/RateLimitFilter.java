package dev.envforge.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a caller's mutating calls beyond its token bucket with 429 and Retry-After. Reads are not
 * limited; calls that are not authenticated are refused by authorisation anyway.
 */
final class RateLimitFilter extends OncePerRequestFilter {

  static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final TokenBuckets buckets;

  RateLimitFilter(TokenBuckets buckets) {
    this.buckets = buckets;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !MUTATING.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof CallerAuthentication caller)) {
      chain.doFilter(request, response);
      return;
    }
    TokenBuckets.Decision decision = buckets.take(caller.caller().name());
    if (decision.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    ProblemResponses.write(
        response,
        429,
        "rate-limited",
        "Too many requests",
        "too many changes by this caller; retry after " + seconds + " s",
        Map.of("retryAfterSeconds", seconds));
  }
}
