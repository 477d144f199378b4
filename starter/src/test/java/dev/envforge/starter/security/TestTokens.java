package dev.envforge.starter.security;

import java.util.List;

/**
 * API tokens for tests: only their hashes go into the configuration, as in production. {@link
 * #PROPERTIES} configures all three.
 */
public final class TestTokens {

  public static final String ADMIN = "test-admin-token-0b7d2f";
  public static final String PAYMENTS = "test-payments-token-91c4aa";
  public static final String SEARCH = "test-search-token-5e1f07";

  // The SHA-256 of each token, as literals so that annotations can use PROPERTIES.
  public static final String ADMIN_SHA256 =
      "2de6f07ea213529b122458614044cace224c56c099ce6875cfc02a9c537af4d3";
  public static final String PAYMENTS_SHA256 =
      "447beb758a4f0622b52582d89ef154aed5c65c13ba17672d2d5ad018f0f0e9a6";
  public static final String SEARCH_SHA256 =
      "8f87cca9703d3ca49c5b5541e41caf9138694f2aed82e57d1150f8101173bebd";

  public static final String[] PROPERTIES = {
    "envforge.security.tokens[0].name=test-admin",
    "envforge.security.tokens[0].sha256=" + ADMIN_SHA256,
    "envforge.security.tokens[0].admin=true",
    "envforge.security.tokens[1].name=payments-ci",
    "envforge.security.tokens[1].sha256=" + PAYMENTS_SHA256,
    "envforge.security.tokens[1].teams=payments",
    "envforge.security.tokens[2].name=search-ci",
    "envforge.security.tokens[2].sha256=" + SEARCH_SHA256,
    "envforge.security.tokens[2].teams=search,search-tools",
  };

  public static List<String> properties() {
    return List.of(PROPERTIES);
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  private TestTokens() {}
}
