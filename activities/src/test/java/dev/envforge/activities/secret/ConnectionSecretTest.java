package dev.envforge.activities.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

class ConnectionSecretTest {

  private static final EnvironmentLabels LABELS =
      new EnvironmentLabels(
          "payments-feature-x",
          "payments",
          "environment/payments/feature-x",
          Instant.parse("2030-01-02T03:04:05Z"));

  private static final DatabaseSpec SPEC =
      new DatabaseSpec(
          ClusterRef.shared("local"),
          "payments-feature-x",
          "payments_feature_x",
          "payments_feature_x",
          "envforge-database",
          LABELS);

  private static final DatabaseCredentials PLAIN =
      new DatabaseCredentials(
          "db.internal", 5432, "payments_feature_x", "payments_feature_x", "s3cretPassw0rd");

  @Test
  void givenCredentials_whenBuilt_itShouldBeAnOpaqueSecretNamedBySpecWithManagedMetadata() {
    Secret secret = ConnectionSecret.desired(SPEC, PLAIN);

    assertThat(secret.getApiVersion()).isEqualTo("v1");
    assertThat(secret.getKind()).isEqualTo("Secret");
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getMetadata().getName()).isEqualTo("envforge-database");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("payments-feature-x");
    assertThat(secret.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app.kubernetes.io/managed-by", "envforge",
                "envforge.dev/environment", "payments-feature-x",
                "envforge.dev/team", "payments"));
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("envforge.dev/expires-at", "2030-01-02T03:04:05Z")
        .containsEntry("envforge.dev/workflow-id", "environment/payments/feature-x");
  }

  @Test
  void givenCredentials_whenBuilt_itShouldHoldExactlyTheDocumentedKeysBase64Encoded() {
    Secret secret = ConnectionSecret.desired(SPEC, PLAIN);

    assertThat(secret.getStringData()).isNullOrEmpty();
    assertThat(secret.getData().keySet())
        .containsExactlyInAnyOrder(
            "host", "port", "database", "username", "password", "jdbc-url", "uri");
    assertThat(decoded(secret))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "host", "db.internal",
                "port", "5432",
                "database", "payments_feature_x",
                "username", "payments_feature_x",
                "password", "s3cretPassw0rd",
                "jdbc-url", "jdbc:postgresql://db.internal:5432/payments_feature_x",
                "uri",
                    "postgresql://payments_feature_x:s3cretPassw0rd@db.internal:5432/payments_feature_x"));
  }

  @Test
  void givenAPasswordWithUriSpecialCharacters_whenBuilt_itShouldPercentEncodeItInTheUriOnly() {
    String password = "p@ss:w/rd?#%+ &=é'\"";
    DatabaseCredentials credentials =
        new DatabaseCredentials("db.internal", 6543, "app", "app_user", password);

    Map<String, String> values = decoded(ConnectionSecret.desired(SPEC, credentials));

    assertThat(values.get("password")).isEqualTo(password);
    assertThat(values.get("uri"))
        .isEqualTo(
            "postgresql://app_user:p%40ss%3Aw%2Frd%3F%23%25%2B%20%26%3D%C3%A9%27%22"
                + "@db.internal:6543/app");
    URI parsed = URI.create(values.get("uri"));
    assertThat(parsed.getUserInfo()).isEqualTo("app_user:" + password);
    assertThat(parsed.getHost()).isEqualTo("db.internal");
    assertThat(parsed.getPort()).isEqualTo(6543);
    assertThat(parsed.getPath()).isEqualTo("/app");
  }

  @Test
  void givenTheJdbcUrl_whenParsedByTheDriver_itShouldNameHostPortAndDatabase() {
    DatabaseCredentials credentials =
        new DatabaseCredentials("10.0.0.7", 15432, "team_env", "team_env", "x");

    String jdbcUrl = decoded(ConnectionSecret.desired(SPEC, credentials)).get("jdbc-url");
    Properties parsed = Driver.parseURL(jdbcUrl, null);

    assertThat(parsed).isNotNull();
    assertThat(parsed.getProperty("PGHOST")).isEqualTo("10.0.0.7");
    assertThat(parsed.getProperty("PGPORT")).isEqualTo("15432");
    assertThat(parsed.getProperty("PGDBNAME")).isEqualTo("team_env");
  }

  @Test
  void givenAnIpv6Host_whenBuilt_itShouldBracketItInBothUrls() {
    DatabaseCredentials credentials = new DatabaseCredentials("::1", 5432, "db", "user", "pw");

    Map<String, String> values = decoded(ConnectionSecret.desired(SPEC, credentials));

    assertThat(values.get("host")).isEqualTo("::1");
    assertThat(values.get("jdbc-url")).isEqualTo("jdbc:postgresql://[::1]:5432/db");
    assertThat(values.get("uri")).isEqualTo("postgresql://user:pw@[::1]:5432/db");
  }

  @Test
  void givenAnyText_whenPercentEncoded_itShouldDecodeBackToItAndUseNoPlusForSpaces() {
    String text = "a b+c~d.e-f_g/é€😀";

    String encoded = ConnectionSecret.percentEncode(text);

    assertThat(encoded).doesNotContain("+", " ").startsWith("a%20b%2Bc~d.e-f_g%2F");
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(text);
  }

  @Test
  void givenCredentials_whenPrinted_itShouldNotShowThePassword() {
    assertThat(PLAIN.toString()).doesNotContain("s3cretPassw0rd").contains("db.internal");
  }

  @Test
  void givenCredentials_whenReferenced_itShouldKeepAllButThePasswordAndNameTheSecret() {
    assertThat(PLAIN.reference("envforge-database"))
        .isEqualTo(
            new DatabaseRef(
                "db.internal",
                5432,
                "payments_feature_x",
                "payments_feature_x",
                "envforge-database"));
  }

  @Test
  void givenABuiltSecret_whenReadBack_itShouldYieldTheSameCredentials() {
    DatabaseCredentials credentials =
        new DatabaseCredentials("db", 5432, "app", "app", "p@ss word/é");

    assertThat(ConnectionSecretReader.credentials(ConnectionSecret.desired(SPEC, credentials)))
        .contains(credentials);
  }

  @Test
  void givenASecretMissingThePassword_whenReadBack_itShouldYieldNothing() {
    Secret secret = ConnectionSecret.desired(SPEC, PLAIN);
    secret.getData().remove("password");

    assertThat(ConnectionSecretReader.credentials(secret)).isEmpty();
  }

  @Test
  void givenASecretWithAMalformedPort_whenReadBack_itShouldYieldNothing() {
    Secret secret = ConnectionSecret.desired(SPEC, PLAIN);
    secret.getData().put("port", Base64.getEncoder().encodeToString("fifty".getBytes()));

    assertThat(ConnectionSecretReader.credentials(secret)).isEmpty();
  }

  private static Map<String, String> decoded(Secret secret) {
    return secret.getData().entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8)));
  }
}
