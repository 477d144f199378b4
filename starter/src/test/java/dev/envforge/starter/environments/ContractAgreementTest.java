package dev.envforge.starter.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.starter.api.ContractSchemas;
import dev.envforge.starter.config.TestProperties;
import dev.envforge.starter.insights.InsightsService;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.request.Capability;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.RequestLimits;
import dev.envforge.workflows.request.RequestValidator;
import dev.envforge.workflows.request.TtlPolicy;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules the OpenAPI document states (see {@link ContractSchemas}) and the checks the API runs
 * agree value for value: whatever the document's pattern admits, the check accepts, and the other
 * way round. The document test proves the served document carries these very patterns.
 */
class ContractAgreementTest {

  static final List<String> LABELS =
      List.of(
          "a",
          "payments",
          "a-b",
          "a1",
          "1a",
          "-a",
          "a-",
          "A",
          "a_b",
          "a.b",
          "",
          " ",
          "a b",
          "p\u0430yments",
          "a".repeat(63),
          "a".repeat(64),
          "a\nb",
          "ab\n");

  static final List<String> REASONS =
      List.of(
          "done",
          "",
          "with spaces, commas; and: colons",
          "a\nb",
          "a\u0000b",
          "tab\there",
          "zero\u200bwidth",
          "bidi\u202eoverride",
          "soft\u00adhyphen",
          "bom\ufeff",
          "caf\u00e9",
          "emoji \ud83d\ude00",
          "unassigned \ud8f0\udc00 in plane 4",
          "line\u2028separator",
          "del\u007f",
          "c1\u0085");

  static final List<String> PHASES =
      List.of(
          "READY",
          "ready",
          "Ready",
          "provisioning",
          "DESTROYED",
          "failed",
          "",
          "unknown",
          "READY ",
          "READ");

  static final List<String> DURATIONS =
      List.of(
          "PT8H",
          "pt8h",
          "P2D",
          "PT1H30M",
          "PT0.5S",
          "PT1,5S",
          "P1DT2H",
          "-PT1H",
          "P-1D",
          "PT",
          "P",
          "P1W",
          "P1Y",
          "1H",
          "PT1H ",
          "",
          "PT1.1234567891S",
          "P1DT",
          "+PT1H",
          "PT-1H30M");

  private static final RequestLimits LIMITS =
      new RequestLimits("", TtlPolicy.global(Duration.ofHours(8), Duration.ofDays(7)));

  @ParameterizedTest
  @FieldSource("LABELS")
  void givenALabel_theDocumentAndTheChecksShouldAgree(String value) {
    boolean documented =
        value.length() >= 1
            && value.length() <= RequestValidator.MAX_LABEL_LENGTH
            && Pattern.compile(RequestChecks.whole(RequestValidator.DNS_1123_LABEL_PATTERN))
                .matcher(value)
                .find();
    boolean validBody =
        RequestValidator.validate(
                new EnvironmentRequest(value, "a", null, null, null, null), LIMITS)
            .stream()
            .noneMatch(error -> error.field().equals("team"));
    assertThat(Dns1123.isLabel(value)).as(value).isEqualTo(documented);
    assertThat(validBody).as(value).isEqualTo(documented);
  }

  @ParameterizedTest
  @FieldSource("REASONS")
  void givenAReason_theDocumentAndTheCheckShouldAgree(String value) {
    boolean documented =
        value.length() <= RequestChecks.MAX_REASON_LENGTH
            && Pattern.compile(RequestChecks.whole(RequestChecks.REASON_PATTERN))
                .matcher(value)
                .find();
    assertThat(accepted(() -> RequestChecks.reason(value))).as(value).isEqualTo(documented);
  }

  static final List<String> REJECT_REASONS =
      List.of("too big", "", " ", "   ", " x ", "\u3000", "a\nb", "tab\there", "x".repeat(201));

  @ParameterizedTest
  @FieldSource("REJECT_REASONS")
  void givenARejectionReason_theDocumentAndTheCheckShouldAgree(String value) {
    boolean documented =
        value.length() >= 1
            && value.length() <= RequestChecks.MAX_REASON_LENGTH
            && Pattern.compile(RequestChecks.whole(RequestChecks.REJECT_REASON_PATTERN))
                .matcher(value)
                .find();
    assertThat(accepted(() -> RequestChecks.rejectReason(value))).as(value).isEqualTo(documented);
  }

  /**
   * A lone surrogate is no Unicode character, so no client's string holds one and the document's
   * pattern, which is over characters, need not name it; a query parameter's UTF-8 cannot even
   * carry one. The check refuses it all the same, for any caller inside the process.
   */
  @Test
  void givenALoneSurrogate_theCheckShouldStillRefuseIt() {
    assertThat(accepted(() -> RequestChecks.reason("lone \ud800 surrogate"))).isFalse();
    assertThat(accepted(() -> RequestChecks.reason("lone \udfff"))).isFalse();
  }

  @ParameterizedTest
  @FieldSource("PHASES")
  void givenAPhase_theDocumentAndTheCheckShouldAgree(String value) {
    boolean documented = Pattern.compile(RequestChecks.phasePattern()).matcher(value).find();
    assertThat(accepted(() -> RequestChecks.phase(value))).as(value).isEqualTo(documented);
  }

  @ParameterizedTest
  @FieldSource("DURATIONS")
  void givenADuration_theDocumentAndTheParserShouldAgree(String value) {
    boolean documented = Pattern.compile(ContractSchemas.DURATION_PATTERN).matcher(value).find();
    boolean parsed;
    try {
      Duration.parse(value);
      parsed = true;
    } catch (DateTimeParseException e) {
      parsed = false;
    }
    assertThat(parsed).as(value).isEqualTo(documented);
    assertThat(accepted(() -> RequestChecks.extendBody(ExtendRequest.by(value))))
        .as(value)
        .isEqualTo(documented);
  }

  @ParameterizedTest
  @FieldSource("PAGE_SIZES")
  void givenAPageSize_theDocumentsBoundsAndTheCheckShouldAgree(int value) {
    boolean documented = value >= 1 && value <= 100;
    assertThat(accepted(() -> RequestChecks.pageSize(value, TestProperties.defaults().listing())))
        .as("" + value)
        .isEqualTo(documented);
  }

  static Stream<Arguments> capabilityLists() {
    List<List<String>> lists =
        List.of(
            List.of(),
            List.of("statestore"),
            List.of("secretstore"),
            List.of("secretstore", "statestore"),
            List.of("secretstore", "secretstore"),
            List.of("pubsub"));
    return lists.stream()
        .flatMap(list -> Stream.of(Arguments.of(list, true), Arguments.of(list, false)));
  }

  /**
   * The rules {@link ContractSchemas} writes for capabilities, evaluated for a list (with or
   * without a Postgres database), agree with the validator's verdict; the state store's need for a
   * database is stated in the field's description.
   */
  @ParameterizedTest
  @MethodSource("capabilityLists")
  void givenCapabilities_theDocumentAndTheValidatorShouldAgree(
      List<String> capabilities, boolean database) {
    OpenAPI api =
        new OpenAPI().components(new Components().addSchemas("EnvironmentRequest", request()));
    new ContractSchemas(TestProperties.defaults()).customise(api);
    Schema<?> documentedRequest = api.getComponents().getSchemas().get("EnvironmentRequest");
    Schema<?> property = documentedRequest.getProperties().get("capabilities");
    boolean known = property.getItems().getEnum().containsAll(capabilities);
    boolean unique =
        !Boolean.TRUE.equals(property.getUniqueItems())
            || new HashSet<>(capabilities).size() == capabilities.size();
    boolean documented = known && unique;
    // What the schema cannot say without defeating schema-driven generators, its description does.
    boolean refusedInWords =
        capabilities.contains("statestore")
            && !database
            && property.getDescription().contains(ContractSchemas.STATESTORE_RULE);

    boolean validated =
        known
            && RequestValidator.validate(
                    new EnvironmentRequest(
                        "payments",
                        "checkout",
                        null,
                        null,
                        database ? DatabaseChoice.postgres(null) : DatabaseChoice.none(),
                        null,
                        false,
                        capabilities.stream()
                            .map(key -> Capability.valueOf(key.toUpperCase(java.util.Locale.ROOT)))
                            .toList()),
                    LIMITS)
                .isEmpty();
    assertThat(validated)
        .as(capabilities + " with database " + database)
        .isEqualTo(documented && !refusedInWords);
  }

  /** The request's schema as the generator makes it from the record, before the rules. */
  private static Schema<?> request() {
    ArraySchema capabilities = new ArraySchema();
    StringSchema item = new StringSchema();
    Arrays.stream(Capability.values()).map(Capability::key).forEach(item::addEnumItem);
    capabilities.setItems(item);
    return new ObjectSchema()
        .addProperty("team", new StringSchema())
        .addProperty("name", new StringSchema())
        .addProperty("database", new ObjectSchema().addProperty("kind", new StringSchema()))
        .addProperty("capabilities", capabilities);
  }

  static final List<String> DATE_TIMES =
      List.of(
          "2026-11-01T00:00:00Z",
          "2026-11-01t00:00:00z",
          "2026-11-01T00:00:00.123456789+02:00",
          "2026-11-01T23:59:59-05:30",
          "2026-11-01T00:00:00+18:00",
          "2026-11-01T00:00:00-17:59",
          "5614-01-16T14:18:40.354173+20:33",
          "2026-11-01T00:00:00+18:01",
          "0000-01-01T00:00:00Z",
          "2026-11-01T00:00Z",
          "2026-11-01 00:00:00Z",
          "2026-11-01T00:00:00",
          "2026-13-01T00:00:00Z",
          "2026-11-01T24:00:00Z",
          "2026-11-01T23:59:60Z",
          "2026-11-01T00:00:00.1234567891Z",
          "20261101T000000Z",
          "",
          "yesterday");

  @ParameterizedTest
  @FieldSource("DATE_TIMES")
  void givenADateTime_theDocumentAndTheInsightsCheckShouldAgree(String value) {
    boolean documented = Pattern.compile(InsightsService.DATE_TIME_PATTERN).matcher(value).find();
    assertThat(accepted(() -> InsightsService.instant("from", value)))
        .as(value)
        .isEqualTo(documented);
  }

  static final List<Integer> PAGE_SIZES = List.of(-1, 0, 1, 20, 100, 101, Integer.MAX_VALUE);

  private static boolean accepted(Runnable check) {
    try {
      check.run();
      return true;
    } catch (InvalidRequestException e) {
      return false;
    }
  }
}
