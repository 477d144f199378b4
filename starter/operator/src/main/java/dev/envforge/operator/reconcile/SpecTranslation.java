package dev.envforge.operator.reconcile;

import dev.envforge.operator.resource.EnvironmentSpec;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.DatabaseKind;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.FieldError;
import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.RequestLimits;
import dev.envforge.workflows.request.RequestValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a resource's spec into the API's request for the namespace's team, and checks it with the
 * same validator the API and the workflow use. Pure. The CRD's schema already refuses most bad
 * specs; this catches what a schema cannot say (the TTL policy, the namespace name's length) and
 * anything a CRD installed without its schema lets through.
 */
public final class SpecTranslation {

  private SpecTranslation() {}

  /** Either a valid request or the fields that are wrong. */
  public record Translated(EnvironmentRequest request, List<FieldError> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  public static Translated toRequest(
      String team, String name, EnvironmentSpec spec, RequestLimits limits) {
    EnvironmentSpec given =
        spec == null ? new EnvironmentSpec(null, null, null, null, null, null) : spec;
    List<FieldError> errors = new ArrayList<>();
    Profile profile = enumOf(Profile.class, "spec.profile", given.profile(), errors);
    ClusterChoice cluster = null;
    if (given.cluster() != null) {
      ClusterMode mode =
          enumOf(ClusterMode.class, "spec.cluster.mode", given.cluster().mode(), errors);
      cluster = new ClusterChoice(mode, blankToNull(given.cluster().name()));
    }
    DatabaseChoice database = null;
    if (given.database() != null) {
      DatabaseKind kind =
          enumOf(DatabaseKind.class, "spec.database.kind", given.database().kind(), errors);
      DatabaseDriver driver =
          enumOf(DatabaseDriver.class, "spec.database.driver", given.database().driver(), errors);
      database = new DatabaseChoice(kind, driver);
    }
    EnvironmentRequest request =
        new EnvironmentRequest(
            team, name, cluster, profile, database, blankToNull(given.ttl()), given.keep());
    if (errors.isEmpty()) {
      RequestValidator.validate(request, limits).stream()
          .map(SpecTranslation::asResourceField)
          .forEach(errors::add);
    }
    return new Translated(request, List.copyOf(errors));
  }

  /** The request's field names as the resource spells them: its name and the spec's fields. */
  private static FieldError asResourceField(FieldError error) {
    String field =
        switch (error.field()) {
          case "name" -> "metadata.name";
          case "team" -> "namespace label team";
          default -> "spec." + error.field();
        };
    return new FieldError(field, error.message());
  }

  /** The API's lower-case spellings (the enums' JSON names) and nothing else. */
  private static <E extends Enum<E>> E enumOf(
      Class<E> type, String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Optional<E> match =
        Arrays.stream(type.getEnumConstants())
            .filter(constant -> constant.name().toLowerCase(Locale.ROOT).equals(value))
            .findFirst();
    if (match.isEmpty()) {
      errors.add(
          new FieldError(
              field,
              "must be one of "
                  + Arrays.stream(type.getEnumConstants())
                      .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                      .collect(Collectors.joining(", "))));
    }
    return match.orElse(null);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
