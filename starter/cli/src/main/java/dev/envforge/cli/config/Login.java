package dev.envforge.cli.config;

/** The API to talk to and the bearer token to talk with. */
public record Login(String server, String token) {

  @Override
  public String toString() {
    return "Login[server=" + server + "]";
  }
}
