package dev.envforge.starter.api;

import dev.envforge.starter.access.AccessService;
import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.starter.environments.RequestChecks;
import dev.envforge.starter.insights.InsightsService;
import dev.envforge.workflows.request.RequestValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The one place that states in the API's document the rules the API enforces, each taken from the
 * constant its check uses ({@link RequestValidator}, {@link RequestChecks}, the listing settings),
 * so that the document and the validation cannot drift apart. A new endpoint states its parameters'
 * and bodies' rules here too.
 */
@Component
public class ContractSchemas implements OpenApiCustomizer {

  /** Path variables and query parameters that name a team or an environment. */
  private static final Set<String> LABEL_PARAMETERS = Set.of("team", "name");

  /** The other parameters whose rules the document states. */
  private static final Set<String> RULED_PARAMETERS =
      Set.of("phase", "pageSize", "reason", "grantId", "from", "to");

  /**
   * Response fields that are always there; every other field of a response may be null (a step not
   * begun has no start, a kept environment no expiry), and the document says so.
   */
  private static final Map<String, Set<String>> ALWAYS_PRESENT =
      Map.of(
          "EnvironmentView",
          Set.of("team", "name", "workflowId", "runId", "steps", "components", "expiring", "keep"),
          "EnvironmentListItemView",
          Set.of("team", "name", "workflowId", "runId"),
          "EnvironmentPageView",
          Set.of("items"),
          "StepView",
          Set.of("step", "status", "attempts"),
          "ApprovalState",
          Set.of("outcome", "requestedAt", "deadline"),
          "SleepState",
          Set.of("asleep", "workloads", "leftAsIs"),
          "WorkloadReplicas",
          Set.of("kind", "name", "replicas"),
          "DaprComponent",
          Set.of("capability", "name", "type", "version"),
          "AccessView",
          Set.of(
              "kubeconfig",
              "expiresAt",
              "grantId",
              "namespace",
              "server",
              "serviceAccount",
              "grantedTo"));

  /**
   * The same for the delivery figures' answer: the counts are always there, durations may not be.
   */
  private static final Map<String, Set<String>> ALWAYS_PRESENT_IN_INSIGHTS =
      Map.of(
          "InsightsView",
          Set.of("from", "to", "figures"),
          "Insights",
          Set.of(
              "requested",
              "ready",
              "failed",
              "failuresByType",
              "timeToReady",
              "timeToRestore",
              "lifetimes",
              "extensions",
              "live"),
          "Spread",
          Set.of("count"),
          "Restore",
          Set.of("restored", "unrestored"),
          "Lifetimes",
          Set.of("ended"),
          "Extensions",
          Set.of("total"));

  /**
   * What {@link java.time.Duration#parse} reads (ttl, extend's by), in any case and with at least
   * one amount. Whether a duration is long enough or too long depends on the team's TTL policy,
   * which the description of the field names instead.
   */
  public static final String DURATION_PATTERN =
      RequestChecks.whole(
          "(?=.*[0-9])(?![\\s\\S]*[Tt]$)[-+]?[Pp](?:[-+]?[0-9]+[Dd])?(?:[Tt](?:[-+]?[0-9]+[Hh])?"
              + "(?:[-+]?[0-9]+[Mm])?(?:[-+]?[0-9]+(?:[.,][0-9]{0,9})?[Ss])?)?");

  /** The one capability rule the schema states in words only. */
  public static final String STATESTORE_RULE = "'statestore' needs database.kind postgres";

  private final EnvforgeProperties properties;

  public ContractSchemas(EnvforgeProperties properties) {
    this.properties = properties;
  }

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getPaths() != null) {
      openApi.getPaths().values().stream()
          .flatMap(path -> path.readOperations().stream())
          .forEach(
              operation -> {
                parameters(operation);
                commonResponses(operation);
              });
    }
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    with(schemas, "EnvironmentRequest", this::environmentRequest);
    with(schemas, "ClusterChoice", ContractSchemas::clusterChoice);
    with(schemas, "DatabaseChoice", ContractSchemas::databaseChoice);
    with(schemas, "ExtendRequest", ContractSchemas::extendRequest);
    with(schemas, "AccessBody", ContractSchemas::accessBody);
    with(schemas, "ApproveBody", ContractSchemas::approveBody);
    with(schemas, "RejectBody", ContractSchemas::rejectBody);
    ALWAYS_PRESENT.forEach(
        (name, present) -> with(schemas, name, schema -> nullableExcept(schema, present)));
    ALWAYS_PRESENT_IN_INSIGHTS.forEach(
        (name, present) -> with(schemas, name, schema -> nullableExcept(schema, present)));
  }

  /** Every API call needs a token and may find Temporal or its worker away. */
  private static void commonResponses(Operation operation) {
    if (operation.getResponses() == null) {
      return;
    }
    if (!operation.getResponses().containsKey("401")) {
      operation
          .getResponses()
          .addApiResponse(
              "401", new ApiResponse().description("No bearer token, or one that is not accepted"));
    }
    if (!operation.getResponses().containsKey("503")) {
      operation
          .getResponses()
          .addApiResponse(
              "503",
              new ApiResponse()
                  .description(
                      "Temporal, or a worker to answer for the environment, is unavailable;"
                          + " Retry-After says when to retry"));
    }
  }

  private void parameters(Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      if (parameter.getSchema() == null
          || !(LABEL_PARAMETERS.contains(parameter.getName())
              || RULED_PARAMETERS.contains(parameter.getName()))) {
        continue;
      }
      Schema<?> schema = own(parameter);
      if (LABEL_PARAMETERS.contains(parameter.getName())) {
        label(schema);
      } else if ("phase".equals(parameter.getName())) {
        schema.setPattern(RequestChecks.phasePattern());
      } else if ("from".equals(parameter.getName()) || "to".equals(parameter.getName())) {
        schema.setFormat("date-time");
        schema.setPattern(InsightsService.DATE_TIME_PATTERN);
      } else if ("pageSize".equals(parameter.getName())) {
        schema.setMinimum(BigDecimal.ONE);
        schema.setMaximum(BigDecimal.valueOf(properties.listing().maxPageSize()));
      } else if ("grantId".equals(parameter.getName())) {
        schema.setPattern(RequestChecks.whole(AccessService.GRANT_ID_PATTERN));
      } else if ("reason".equals(parameter.getName())) {
        schema.setMaxLength(RequestChecks.MAX_REASON_LENGTH);
        schema.setPattern(RequestChecks.whole(RequestChecks.REASON_PATTERN));
      }
    }
  }

  /**
   * The parameter's schema as its own object: the generator may hand one schema instance to several
   * parameters of a type (a path's team, name and grantId), and a rule set on one must not land on
   * the others.
   */
  private static Schema<?> own(Parameter parameter) {
    Schema<?> shared = parameter.getSchema();
    Schema<Object> copy = new Schema<>();
    copy.specVersion(shared.getSpecVersion());
    copy.setType(shared.getType());
    if (shared.getTypes() != null) {
      copy.setTypes(new java.util.LinkedHashSet<>(shared.getTypes()));
    }
    copy.setFormat(shared.getFormat());
    copy.setMinimum(shared.getMinimum());
    copy.setMaximum(shared.getMaximum());
    copy.setMinLength(shared.getMinLength());
    copy.setMaxLength(shared.getMaxLength());
    copy.setPattern(shared.getPattern());
    copy.setDescription(shared.getDescription());
    parameter.setSchema(copy);
    return copy;
  }

  private void environmentRequest(Schema<?> request) {
    request.setRequired(List.of("team", "name"));
    request.setAdditionalProperties(false);
    label(property(request, "team"));
    label(property(request, "name"));
    Schema<?> ttl = property(request, "ttl");
    if (ttl != null) {
      ttl.setPattern(DURATION_PATTERN);
      ttl.setDescription(
          "an ISO-8601 duration such as PT8H; within the team's TTL policy (at least "
              + dev.envforge.workflows.request.RequestLimits.MIN_TTL
              + ")");
    }
    Schema<?> capabilities = property(request, "capabilities");
    if (capabilities != null) {
      capabilities.setUniqueItems(true);
      // The state store's need for a database is said in words, not as a schema rule: stated
      // beside the team-and-name rule above, it makes the document one that schema-driven test
      // generators (the API's fuzz test) cannot generate requests from.
      capabilities.setDescription(
          "platform capabilities, each a Dapr component in the environment's namespace; absent:"
              + " the profile's defaults, empty: none; "
              + STATESTORE_RULE);
    }
    nullableExcept(request, Set.of("team", "name"));
    request.setAnyOf(fittingTeamAndName());
    // A database driver is only for a Postgres database: {"kind":"none","driver":...} is refused.
    request.setDescription(
        (request.getDescription() == null ? "" : request.getDescription() + " ")
            + "database.driver is allowed only with database.kind postgres, and so is the"
            + " statestore capability; team and name"
            + " together with the namespace prefix must fit "
            + RequestValidator.MAX_LABEL_LENGTH
            + " characters.");
  }

  /**
   * Team and name together, with the prefix and a dash, must fit a namespace name. JSON Schema has
   * no sum of lengths, so the rule is spelt as the pairs of bounds that allow exactly it: a team of
   * at most k characters with a name of at most the rest, for every k.
   */
  private List<Schema> fittingTeamAndName() {
    int budget =
        RequestValidator.MAX_LABEL_LENGTH - properties.limits().namespacePrefix().length() - 1;
    List<Schema> pairs = new java.util.ArrayList<>();
    for (int team = 1; team < budget; team++) {
      pairs.add(
          new Schema<>()
              .properties(
                  Map.of(
                      "team", new Schema<>().maxLength(team),
                      "name", new Schema<>().maxLength(budget - team))));
    }
    return pairs;
  }

  private static void clusterChoice(Schema<?> cluster) {
    cluster.setAdditionalProperties(false);
    label(property(cluster, "name"));
    nullableExcept(cluster, Set.of());
    cluster.setAnyOf(
        List.of(
            new Schema<>().not(new Schema<>().required(List.of("name"))),
            new Schema<>().properties(Map.of("name", new Schema<>().types(Set.of("null")))),
            new Schema<>()
                .not(
                    new Schema<>()
                        .required(List.of("mode"))
                        .properties(
                            Map.of("mode", new Schema<String>()._enum(List.of("dedicated")))))));
  }

  /** A driver only for a Postgres database: no driver, a null one, or kind postgres. */
  private static void databaseChoice(Schema<?> database) {
    database.setAdditionalProperties(false);
    nullableExcept(database, Set.of());
    database.setAnyOf(
        List.of(
            new Schema<>().not(new Schema<>().required(List.of("driver"))),
            new Schema<>().properties(Map.of("driver", new Schema<>().types(Set.of("null")))),
            new Schema<>()
                .required(List.of("kind"))
                .properties(Map.of("kind", new Schema<String>()._enum(List.of("postgres"))))));
  }

  /** Exactly one of by and until. */
  private static void extendRequest(Schema<?> extend) {
    extend.setAdditionalProperties(false);
    Schema<?> by = property(extend, "by");
    if (by != null) {
      by.setPattern(DURATION_PATTERN);
    }
    extend.setOneOf(
        List.of(
            new Schema<>().required(List.of("by")).not(new Schema<>().required(List.of("until"))),
            new Schema<>().required(List.of("until")).not(new Schema<>().required(List.of("by")))));
  }

  /** The access's ttl: a duration; how long it may be is the service's configuration. */
  private static void accessBody(Schema<?> body) {
    body.setAdditionalProperties(false);
    Schema<?> ttl = property(body, "ttl");
    if (ttl != null) {
      ttl.setPattern(DURATION_PATTERN);
    }
    nullableExcept(body, Set.of());
  }

  /** An approval's optional reason follows the destroy reason's rules. */
  private static void approveBody(Schema<?> body) {
    body.setAdditionalProperties(false);
    Schema<?> reason = property(body, "reason");
    if (reason != null) {
      reason.setMaxLength(RequestChecks.MAX_REASON_LENGTH);
      reason.setPattern(RequestChecks.whole(RequestChecks.REASON_PATTERN));
    }
    nullableExcept(body, Set.of());
  }

  /** A rejection's reason is required and more than spaces. */
  private static void rejectBody(Schema<?> body) {
    body.setAdditionalProperties(false);
    body.setRequired(List.of("reason"));
    Schema<?> reason = property(body, "reason");
    if (reason != null) {
      reason.setMinLength(1);
      reason.setMaxLength(RequestChecks.MAX_REASON_LENGTH);
      reason.setPattern(RequestChecks.whole(RequestChecks.REJECT_REASON_PATTERN));
    }
  }

  private static void label(Schema<?> schema) {
    if (schema == null) {
      return;
    }
    schema.setMinLength(1);
    schema.setMaxLength(RequestValidator.MAX_LABEL_LENGTH);
    schema.setPattern(RequestChecks.whole(RequestValidator.DNS_1123_LABEL_PATTERN));
  }

  private static void nullableExcept(Schema<?> schema, Set<String> present) {
    if (schema.getProperties() == null) {
      return;
    }
    schema.setRequired(
        schema.getProperties().keySet().stream().filter(present::contains).sorted().toList());
    schema
        .getProperties()
        .replaceAll((name, property) -> present.contains(name) ? property : nullable(property));
  }

  /** Nullable as OpenAPI 3.1 says it: the null type beside the value's own. */
  private static Schema nullable(Schema<?> schema) {
    if (schema.get$ref() != null) {
      return new Schema<>().anyOf(List.of(schema, new Schema<>().types(Set.of("null"))));
    }
    if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
      schema.addEnumItemObject(null);
    }
    if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
      schema.addType("null");
    } else if (schema.getType() != null) {
      schema.addType(schema.getType());
      schema.addType("null");
    }
    return schema;
  }

  private static Schema<?> property(Schema<?> schema, String name) {
    return schema.getProperties() == null ? null : schema.getProperties().get(name);
  }

  private static void with(
      Map<String, Schema> schemas, String name, java.util.function.Consumer<Schema<?>> change) {
    Schema<?> schema = schemas.get(name);
    if (schema != null) {
      change.accept(schema);
    }
  }
}
