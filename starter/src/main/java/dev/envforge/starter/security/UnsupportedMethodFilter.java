package dev.envforge.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Answers a method that no endpoint of the path maps with 405 and the Allow header before access is
 * decided, so that an unsupported method on an admin-only path is not a 403 that hides what the
 * path supports. The answer is what Spring MVC would give; only its timing differs.
 */
final class UnsupportedMethodFilter extends OncePerRequestFilter {

  private final HandlerMapping endpoints;

  UnsupportedMethodFilter(HandlerMapping endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Set<HttpMethod> allowed = allowedIfRefused(request);
    if (allowed == null) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader(
        HttpHeaders.ALLOW,
        allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", ")));
    ProblemResponses.write(
        response,
        HttpServletResponse.SC_METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "Method Not Allowed",
        "Method '" + request.getMethod() + "' is not supported.",
        Map.of("instance", request.getRequestURI()));
  }

  /** The methods the path maps when it does not map this one; null in every other case. */
  private Set<HttpMethod> allowedIfRefused(HttpServletRequest request) throws ServletException {
    Object previousPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
    ServletRequestPathUtils.parseAndCache(request);
    try {
      endpoints.getHandler(request);
      return null;
    } catch (HttpRequestMethodNotSupportedException e) {
      Set<HttpMethod> allowed = e.getSupportedHttpMethods();
      return allowed == null || allowed.isEmpty() ? null : allowed;
    } catch (Exception e) {
      // Anything else (a media type no endpoint takes, …) is the dispatcher's to answer.
      return null;
    } finally {
      if (previousPath == null) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      } else {
        request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previousPath);
      }
    }
  }
}
