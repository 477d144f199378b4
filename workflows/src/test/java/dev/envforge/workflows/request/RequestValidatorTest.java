package dev.envforge.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {

  private static final RequestLimits LIMITS =
      new RequestLimits("env-", Duration.ofHours(8), Duration.ofDays(7));

  private static EnvironmentRequest request(String team, String name, String ttl) {
    return new EnvironmentRequest(team, name, null, null, null, ttl);
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void givenAMinimalRequest_whenValidated_itShouldPassAndTakeTheDefaults() {
    EnvironmentRequest minimal = request("payments", "review-42", null);

    assertThat(RequestValidator.validate(minimal, LIMITS)).isEmpty();
    assertThat(minimal.withDefaults().cluster().mode()).isEqualTo(ClusterMode.SHARED);
    assertThat(minimal.withDefaults().profile()).isEqualTo(Profile.SMALL);
    assertThat(minimal.withDefaults().database().wanted()).isFalse();
    assertThat(RequestValidator.effectiveTtl(minimal, LIMITS)).isEqualTo(Duration.ofHours(8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Payments", "-payments", "payments-", "pay_ments", "pay.ments", ""})
  void givenATeamThatIsNotADnsLabel_whenValidated_itShouldNameTheTeamField(String team) {
    assertThat(fields(RequestValidator.validate(request(team, "review", null), LIMITS)))
        .containsExactly("team");
  }

  @Test
  void givenAMissingName_whenValidated_itShouldSayItIsRequired() {
    List<FieldError> errors = RequestValidator.validate(request("payments", null, null), LIMITS);

    assertThat(errors).containsExactly(new FieldError("name", "is required"));
  }

  @Test
  void givenTeamAndNameTooLongTogether_whenValidated_itShouldExplainTheNamespaceLength() {
    String team = "t".repeat(30);
    String name = "n".repeat(30);

    List<FieldError> errors = RequestValidator.validate(request(team, name, null), LIMITS);

    assertThat(fields(errors)).containsExactly("name");
    assertThat(errors.get(0).message()).contains("65 characters").contains("at most 63");
    assertThat(
            RequestValidator.validate(
                request(team, name, null),
                new RequestLimits("", Duration.ofHours(8), Duration.ofDays(7))))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8h", "PT1M", "P8D", "-PT1H"})
  void givenABadTtl_whenValidated_itShouldNameTheTtlField(String ttl) {
    assertThat(fields(RequestValidator.validate(request("payments", "review", ttl), LIMITS)))
        .containsExactly("ttl");
  }

  @Test
  void givenADriverWithoutADatabase_whenValidated_itShouldNameTheDriverField() {
    EnvironmentRequest request =
        new EnvironmentRequest(
            "payments",
            "review",
            null,
            null,
            new DatabaseChoice(DatabaseKind.NONE, DatabaseDriver.CROSSPLANE),
            null);

    assertThat(fields(RequestValidator.validate(request, LIMITS)))
        .containsExactly("database.driver");
  }

  @Test
  void givenADedicatedClusterWithAName_whenValidated_itShouldNameTheClusterNameField() {
    EnvironmentRequest request =
        new EnvironmentRequest(
            "payments",
            "review",
            new ClusterChoice(ClusterMode.DEDICATED, "eu-1"),
            null,
            null,
            null);

    assertThat(fields(RequestValidator.validate(request, LIMITS))).containsExactly("cluster.name");
  }
}
