package dev.envforge.bench;

import java.net.URI;
import java.util.Set;

/**
 * The benchmark floods what it talks to with requests, so it only ever talks to this machine: a
 * mistyped URL must not point that load at a shared API.
 */
final class Loopback {

  private static final Set<String> HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  private Loopback() {}

  static URI require(String what, String url) {
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme())
        || uri.getHost() == null
        || !HOSTS.contains(uri.getHost())) {
      throw new IllegalArgumentException(
          what + " must be a plain http:// URL on the loopback interface, was " + url);
    }
    return uri;
  }
}
