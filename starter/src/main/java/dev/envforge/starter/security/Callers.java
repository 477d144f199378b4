package dev.envforge.starter.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the request being served. */
public final class Callers {

  private Callers() {}

  /**
   * @throws AuthenticationCredentialsNotFoundException when the request is not authenticated; the
   *     security filter chain lets no such request reach the API, so this is a wiring mistake
   */
  public static Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof CallerAuthentication caller) {
      return caller.caller();
    }
    throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
  }

  /** The caller's name for logs, or {@code anonymous}. */
  public static String nameOrAnonymous() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication instanceof CallerAuthentication caller
        ? caller.caller().name()
        : "anonymous";
  }
}
