package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConnectionSecretTest {

  private static final DatabaseSpec SPEC =
      new DatabaseSpec(
          ClusterRef.shared("local"),
          "payments-demo",
          "payments_demo",
          "payments_demo_owner",
          "database",
          new EnvironmentLabels("payments-demo", "payments", "wf", Instant.EPOCH));

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

  private static Map<String, String> decode(Secret secret) {
    Map<String, String> values = new LinkedHashMap<>();
    secret
        .getData()
        .forEach(
            (k, v) ->
                values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return values;
  }

  @Test
  void givenACompleteProviderSecret_whenCopied_itShouldHaveExactlyTheApplicationKeys() {
    DatabaseConnection connection =
        DatabaseConnectionSecret.read(
            source(
                Map.of(
                    "endpoint", "db.internal",
                    "port", "6543",
                    "username", "owner",
                    "password", "p@ss word/1",
                    "database", "payments")),
            "fallback");

    Secret secret = DatabaseConnectionSecret.desired(SPEC, connection);

    assertThat(secret.getMetadata().getName()).isEqualTo("database");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("payments-demo");
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("envforge.dev/environment", "payments-demo");
    assertThat(decode(secret))
        .containsOnlyKeys("host", "port", "database", "username", "password", "jdbc-url", "uri")
        .containsEntry("host", "db.internal")
        .containsEntry("port", "6543")
        .containsEntry("database", "payments")
        .containsEntry("username", "owner")
        .containsEntry("password", "p@ss word/1")
        .containsEntry("jdbc-url", "jdbc:postgresql://db.internal:6543/payments")
        .containsEntry("uri", "postgresql://owner:p%40ss%20word%2F1@db.internal:6543/payments");
  }

  @Test
  void givenNoDatabaseKey_whenRead_itShouldFallBackToTheRequestedDatabase() {
    DatabaseConnection connection =
        DatabaseConnectionSecret.read(
            source(Map.of("endpoint", "h", "port", "5432", "username", "u", "password", "p")),
            "payments_demo");

    assertThat(connection.database()).isEqualTo("payments_demo");
  }

  @Test
  void givenAnEndpointWithItsPort_whenRead_itShouldKeepTheHostOnly() {
    assertThat(
            DatabaseConnectionSecret.read(
                    source(
                        Map.of(
                            "endpoint", "db.rds.example:5432",
                            "port", "5432",
                            "username", "u",
                            "password", "p")),
                    "d")
                .host())
        .isEqualTo("db.rds.example");
    DatabaseConnection ipv6 =
        DatabaseConnectionSecret.read(
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
            "d");
    assertThat(ipv6.host()).isEqualTo("fd00::1");
    assertThat(ipv6.jdbcUrl()).isEqualTo("jdbc:postgresql://[fd00::1]:5432/d");
  }

  @Test
  void givenAnIncompleteSecret_whenChecked_itShouldNameTheMissingKeysOnly() {
    Secret partial = source(Map.of("endpoint", "h", "password", "secret-value", "port", "x"));

    assertThat(DatabaseConnectionSecret.missingKeys(partial)).containsExactly("username");
    assertThat(DatabaseConnectionSecret.missingKeys(null))
        .containsExactly("endpoint", "port", "username", "password");
    assertThat(
            DatabaseConnectionSecret.missingKeys(
                source(Map.of("endpoint", "h", "port", "x", "username", "u", "password", "p"))))
        .containsExactly("port (not a port number)");
    assertThatThrownBy(() -> DatabaseConnectionSecret.read(partial, "d"))
        .hasMessageNotContaining("secret-value");
  }

  @Test
  void givenAConnection_whenReferencedOrPrinted_itShouldNotRevealThePassword() {
    DatabaseConnection connection = new DatabaseConnection("h", 5432, "d", "u", "hunter2");

    assertThat(connection.toString()).doesNotContain("hunter2");
    assertThat(connection.reference("database"))
        .isEqualTo(new DatabaseRef("h", 5432, "d", "u", "database"));
  }
}
