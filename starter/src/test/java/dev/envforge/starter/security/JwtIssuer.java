package dev.envforge.starter.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A stand-in identity provider: an RSA key generated for the test, its public half served as a JWKS
 * over loopback HTTP, and JWTs signed with it. A second key signs tokens the API must refuse.
 */
public final class JwtIssuer implements AutoCloseable {

  public static final String ISSUER = "https://issuer.envforge.test";
  public static final String AUDIENCE = "envforge-api";

  private final RSAKey key;
  private final RSAKey strangerKey;
  private final HttpServer server;

  public JwtIssuer() {
    try {
      key = new RSAKeyGenerator(2048).keyID("test-key").generate();
      strangerKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    server.start();
  }

  public String jwkSetUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
  }

  /** A valid token for the subject and teams. */
  public String token(String subject, List<String> teams) {
    return sign(key, claims(subject, teams, ISSUER, AUDIENCE, Duration.ofMinutes(5)));
  }

  public String token(
      String subject, List<String> teams, String issuer, String audience, Duration validFor) {
    return sign(key, claims(subject, teams, issuer, audience, validFor));
  }

  /** Right in every claim, but signed by a key the issuer never published. */
  public String forgedToken(String subject, List<String> teams) {
    return sign(strangerKey, claims(subject, teams, ISSUER, AUDIENCE, Duration.ofMinutes(5)));
  }

  private static JWTClaimsSet claims(
      String subject, List<String> teams, String issuer, String audience, Duration validFor) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(issuer)
        .audience(audience)
        .issueTime(Date.from(now.minusSeconds(120)))
        .notBeforeTime(Date.from(now.minusSeconds(120)))
        .expirationTime(Date.from(now.plus(validFor)))
        .claim("teams", teams)
        .build();
  }

  private static String sign(RSAKey with, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
