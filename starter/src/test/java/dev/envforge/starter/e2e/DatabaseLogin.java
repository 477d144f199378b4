package dev.envforge.starter.e2e;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The database login an application finds in its environment's connection Secret. */
record DatabaseLogin(String jdbcUrl, String username, String password) {

  static DatabaseLogin from(Secret secret) {
    Map<String, String> data = secret.getData();
    if (data == null) {
      throw new AssertionError("the Secret " + secret.getMetadata().getName() + " has no data");
    }
    return new DatabaseLogin(
        decoded(data, "jdbc-url"), decoded(data, "username"), decoded(data, "password"));
  }

  private static String decoded(Map<String, String> data, String key) {
    String value = data.get(key);
    if (value == null) {
      throw new AssertionError("the connection Secret has no " + key + "; it has " + data.keySet());
    }
    return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }

  /** Never the password: this record ends up in assertion messages. */
  @Override
  public String toString() {
    return "DatabaseLogin[" + username + " at " + jdbcUrl + "]";
  }
}
