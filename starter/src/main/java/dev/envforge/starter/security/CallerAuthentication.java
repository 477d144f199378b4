package dev.envforge.starter.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link Caller}; admins carry ROLE_ADMIN for the admin-only paths. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

  public static final String ADMIN_ROLE = "ADMIN";

  private final Caller caller;

  public CallerAuthentication(Caller caller) {
    super(
        caller.admin()
            ? List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN_ROLE))
            : List.<SimpleGrantedAuthority>of());
    this.caller = caller;
    setAuthenticated(true);
  }

  public Caller caller() {
    return caller;
  }

  @Override
  public Object getCredentials() {
    // The token itself is never kept.
    return "";
  }

  @Override
  public Object getPrincipal() {
    return caller;
  }

  @Override
  public String getName() {
    return caller.name();
  }
}
