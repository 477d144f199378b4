package dev.envforge.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.envforge.starter.api.ContractSchemas;
import dev.envforge.starter.environments.RequestChecks;
import dev.envforge.workflows.request.RequestValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's OpenAPI document as it is served, written to {@code target/openapi.json} for clients
 * built from it, and checked to state the rules the API enforces.
 */
@SpringBootTest(properties = "spring.temporal.connection.target=127.0.0.1:1")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

  static final Path PUBLISHED = Path.of("target", "openapi.json");

  @Autowired MockMvc mvc;
  private JsonNode document;

  @BeforeAll
  void fetchAndPublish() throws Exception {
    String served = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
    Files.createDirectories(PUBLISHED.getParent());
    Files.writeString(PUBLISHED, served);
    document = JsonMapper.builder().build().readTree(served);
  }

  @Test
  void givenTheServedDocument_whenPublished_itShouldBeTheFileInTheBuild() throws Exception {
    assertThat(PUBLISHED).isNotEmptyFile();
    assertThat(document.get("paths").has("/api/v1/environments")).isTrue();
  }

  @Test
  void givenTheRequestBody_itShouldStateEveryRuleTheValidatorChecks() {
    JsonNode request = schema("EnvironmentRequest");
    assertThat(request.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(request.get("required")).extracting(JsonNode::asString).contains("team", "name");
    for (String label : new String[] {"team", "name"}) {
      JsonNode field = request.get("properties").get(label);
      assertThat(field.get("pattern").asString())
          .isEqualTo(RequestChecks.whole(RequestValidator.DNS_1123_LABEL_PATTERN));
      assertThat(field.get("maxLength").asInt()).isEqualTo(RequestValidator.MAX_LABEL_LENGTH);
      assertThat(field.get("minLength").asInt()).isEqualTo(1);
    }
    assertThat(request.get("properties").get("ttl").get("pattern").asString())
        .isEqualTo(ContractSchemas.DURATION_PATTERN);
    assertThat(schema("ClusterChoice").get("properties").get("mode").get("enum"))
        .extracting(JsonNode::asString)
        .contains("shared", "dedicated");
  }

  @Test
  void givenExtend_itShouldSayExactlyOneOfByOrUntil() {
    JsonNode extend = schema("ExtendRequest");
    assertThat(extend.get("oneOf")).hasSize(2);
    assertThat(extend.get("properties").get("by").get("pattern").asString())
        .isEqualTo(ContractSchemas.DURATION_PATTERN);
  }

  @Test
  void givenTheParameters_itShouldStateTheirRules() {
    JsonNode list = parameters("/api/v1/environments", "get");
    assertThat(list.get("phase").get("pattern").asString()).isEqualTo(RequestChecks.phasePattern());
    assertThat(list.get("pageSize").get("minimum").asInt()).isEqualTo(1);
    assertThat(list.get("pageSize").get("maximum").asInt()).isEqualTo(100);
    assertThat(list.get("team").get("pattern").asString())
        .isEqualTo(RequestChecks.whole(RequestValidator.DNS_1123_LABEL_PATTERN));
    JsonNode delete = parameters("/api/v1/environments/{team}/{name}", "delete");
    assertThat(delete.get("reason").get("pattern").asString())
        .isEqualTo(RequestChecks.whole(RequestChecks.REASON_PATTERN));
    assertThat(delete.get("reason").get("maxLength").asInt())
        .isEqualTo(RequestChecks.MAX_REASON_LENGTH);
    assertThat(delete.get("name").get("maxLength").asInt())
        .isEqualTo(RequestValidator.MAX_LABEL_LENGTH);
  }

  @Test
  void givenCapabilities_itShouldStateTheirValuesUniquenessAndThatAStateStoreNeedsADatabase() {
    JsonNode request = schema("EnvironmentRequest");
    JsonNode capabilities = request.get("properties").get("capabilities");
    assertThat(capabilities.get("uniqueItems").asBoolean(false)).isTrue();
    JsonNode items = resolve(capabilities.get("items"));
    assertThat(items.get("enum"))
        .extracting(JsonNode::asString)
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(dev.envforge.workflows.request.Capability.values())
                .map(dev.envforge.workflows.request.Capability::key)
                .toList());
    assertThat(capabilities.get("description").asString())
        .contains(ContractSchemas.STATESTORE_RULE);
    assertThat(schema("EnvironmentView").get("required"))
        .extracting(JsonNode::asString)
        .contains("components");
  }

  /** A schema, or the one its $ref points to. */
  private JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref == null
        ? schema
        : schema(ref.asString().substring(ref.asString().lastIndexOf('/') + 1));
  }

  @Test
  void givenTheViews_itShouldDeclareWhatMayBeNull() {
    JsonNode view = schema("EnvironmentView").get("properties");
    assertThat(view.get("closedAt") == null ? view.get("expiresAt") : view.get("closedAt"))
        .satisfies(field -> assertThat(field.toString()).contains("null"));
    assertThat(view.get("warning").toString()).contains("null");
    assertThat(view.get("team").toString()).doesNotContain("null");
  }

  @Test
  void givenEveryOperation_itShouldDocumentTheStatusCodesItCanAnswer() {
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          JsonNode responses = operation.getValue().get("responses");
                          String where = operation.getKey() + " " + path.getKey();
                          if (path.getKey().startsWith("/api/")) {
                            assertThat(responses.has("401")).as(where).isTrue();
                            assertThat(responses.has("503")).as(where).isTrue();
                          }
                        }));
  }

  private JsonNode schema(String name) {
    return document.get("components").get("schemas").get(name);
  }

  /** An operation's parameters' schemas by name. */
  private JsonNode parameters(String path, String method) {
    tools.jackson.databind.node.ObjectNode byName = JsonMapper.builder().build().createObjectNode();
    document
        .get("paths")
        .get(path)
        .get(method)
        .get("parameters")
        .forEach(
            parameter -> byName.set(parameter.get("name").asString(), parameter.get("schema")));
    return byName;
  }
}
