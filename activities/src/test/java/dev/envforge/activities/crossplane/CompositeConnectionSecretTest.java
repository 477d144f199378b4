package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.secret.DatabaseCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeConnectionSecretTest {

  private static Secret source(Map<String, String> values) {
    Map<String, String> data = new LinkedHashMap<>();
    values.forEach(
        (k, v) ->
            data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder()
        .withNewMetadata()
        .withName("src")
        .endMetadata()
        .withData(data)
        .build();
  }

  @Test
  void givenACompleteProviderSecret_whenRead_itShouldYieldItsCredentials() {
    DatabaseCredentials credentials =
        CompositeConnectionSecret.read(
            source(
                Map.of(
                    "endpoint", " db.internal ",
                    "port", "6543",
                    "username", "owner",
                    "password", "p@ss word/1",
                    "database", "payments")),
            "fallback");

    assertThat(credentials)
        .isEqualTo(
            new DatabaseCredentials("db.internal", 6543, "payments", "owner", "p@ss word/1"));
  }

  @Test
  void givenNoDatabaseKey_whenRead_itShouldFallBackToTheRequestedDatabase() {
    DatabaseCredentials credentials =
        CompositeConnectionSecret.read(
            source(Map.of("endpoint", "h", "port", "5432", "username", "u", "password", "p")),
            "payments_demo");

    assertThat(credentials.database()).isEqualTo("payments_demo");
  }

  @Test
  void givenAnEndpointWithItsPort_whenRead_itShouldKeepTheHostOnly() {
    assertThat(
            CompositeConnectionSecret.read(
                    source(
                        Map.of(
                            "endpoint", "db.rds.example:5432",
                            "port", "5432",
                            "username", "u",
                            "password", "p")),
                    "d")
                .host())
        .isEqualTo("db.rds.example");
    assertThat(
            CompositeConnectionSecret.read(
                    source(
                        Map.of(
                            "endpoint",
                            "[fd00::1]:5432",
                            "port",
                            "5432",
                            "username",
                            "u",
                            "password",
                            "p")),
                    "d")
                .host())
        .isEqualTo("fd00::1");
  }

  @Test
  void givenAnIncompleteSecret_whenChecked_itShouldNameTheMissingKeysOnly() {
    Secret partial = source(Map.of("endpoint", "h", "password", "secret-value", "port", "x"));

    assertThat(CompositeConnectionSecret.missingKeys(partial)).containsExactly("username");
    assertThat(CompositeConnectionSecret.missingKeys(null))
        .containsExactly("endpoint", "port", "username", "password");
    assertThat(
            CompositeConnectionSecret.missingKeys(
                source(Map.of("endpoint", "h", "port", "x", "username", "u", "password", "p"))))
        .containsExactly("port (not a port number)");
    assertThatThrownBy(() -> CompositeConnectionSecret.read(partial, "d"))
        .hasMessageNotContaining("secret-value");
  }
}
