package dev.envforge.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.envforge.starter.quota.TeamQuota;
import dev.envforge.starter.security.TestTokens;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.EnvironmentRuns.StartResult;
import dev.envforge.starter.temporal.EnvironmentVisibility;
import dev.envforge.starter.temporal.TemporalServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile and borderline input into every string field, parameter and path variable: each must be a
 * clear 400 problem naming the field, with no stack trace, no echo of internals, and nothing
 * started in Temporal. Names exactly at the edges of validity must still be accepted.
 */
@EnvironmentApiSliceTest
@TestPropertySource(
    properties = {
      "envforge.security.tokens[0].name=test-admin",
      "envforge.security.tokens[0].sha256=" + TestTokens.ADMIN_SHA256,
      "envforge.security.tokens[0].admin=true",
      "envforge.security.rate-limit.capacity=100000"
    })
class HostileInputTest {

  /** SQL, shell, path and format metacharacters, and Unicode that only looks like a name. */
  static final List<String> HOSTILE =
      List.of(
          "'; DROP TABLE environments; --",
          "a' OR '1'='1",
          "$(rm -rf /)",
          "`id`",
          "a;b",
          "a|b",
          "a&&b",
          "a>b",
          "../../etc/passwd",
          "%00",
          "a\u0000b",
          "a\nb",
          "${jndi:ldap://x/a}",
          "%s%n",
          "p\u0430yments", // Cyrillic a
          "\uff50ayments", // fullwidth p
          "payments\u200b", // zero-width space
          "payme\u0301nts", // combining accent
          "PAYMENTS",
          "pay_ments",
          "-payments",
          "payments-",
          "",
          " ",
          "a".repeat(64));

  @Autowired MockMvc mvc;
  @Autowired EnvironmentRuns runs;
  @Autowired EnvironmentVisibility visibility;
  @Autowired TemporalServer server;
  @Autowired TeamQuota quota;
  private final JsonMapper json = JsonMapper.builder().build();

  @BeforeEach
  void temporalNamespace() {
    when(server.namespace()).thenReturn("default");
    when(runs.start(any(), any())).thenReturn(new StartResult("run-1", true));
  }

  private MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(
            request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.ADMIN)))
        .andReturn()
        .getResponse();
  }

  private MockHttpServletResponse postEnvironment(String body) throws Exception {
    return call(post("/api/v1/environments").contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private ObjectNode validRequest() {
    ObjectNode body = json.createObjectNode();
    body.put("team", "payments").put("name", "checkout").put("profile", "small").put("ttl", "PT2H");
    body.putObject("cluster").put("mode", "shared").put("name", "local");
    body.putObject("database").put("kind", "postgres").put("driver", "direct");
    return body;
  }

  /** A 400 problem naming the field, and nothing a caller should not see. */
  private void assertClear400(MockHttpServletResponse response, String field, String value)
      throws Exception {
    String what = field + "=" + value.replace("\u0000", "\\0");
    assertThat(response.getStatus()).as(what).isEqualTo(400);
    assertThat(response.getContentType()).as(what).startsWith("application/problem+json");
    String body = response.getContentAsString();
    JsonNode problem = json.readTree(body);
    // The firewall refuses some URLs before routing; its problem names the path as a whole.
    assertThat(problem.get("errors").get(0).get("field").asString())
        .as(what)
        .isIn(field, field.equals("team") || field.equals("name") ? "path" : field);
    assertThat(body)
        .as(what)
        .doesNotContain("Exception")
        .doesNotContain("at dev.envforge")
        .doesNotContain("tools.jackson");
  }

  @Test
  void givenHostileValuesInEveryStringFieldOfARequest_whenPosted_itShouldAnswer400AndStartNothing()
      throws Exception {
    Map<String, String[]> fields =
        Map.of(
            "team", new String[] {"team"},
            "name", new String[] {"name"},
            "ttl", new String[] {"ttl"},
            "profile", new String[] {"profile"},
            "cluster.name", new String[] {"cluster", "name"},
            "cluster.mode", new String[] {"cluster", "mode"},
            "database.kind", new String[] {"database", "kind"},
            "database.driver", new String[] {"database", "driver"});
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, String[]> field : fields.entrySet()) {
      for (String value : HOSTILE) {
        ObjectNode body = validRequest();
        String[] path = field.getValue();
        ObjectNode parent = path.length == 1 ? body : (ObjectNode) body.get(path[0]);
        parent.put(path[path.length - 1], value);
        if (field.getKey().equals("database.driver") && value.equals("")) {
          continue; // an empty driver is a malformed enum like the rest; covered by " "
        }
        assertClear400(postEnvironment(body.toString()), field.getKey(), value);
        checked.add(field.getKey());
      }
    }
    assertThat(checked).hasSizeGreaterThan(150);
    verify(runs, never()).start(any(), any());
    verifyNoInteractions(quota);
  }

  @Test
  void givenHostilePathVariablesAndParameters_whenCalled_itShouldAnswer400AndTouchNothing()
      throws Exception {
    for (String value : HOSTILE) {
      if (value.isBlank() || value.contains("/") || value.contains("\u0000")) {
        continue; // not a single path segment; see the list filter below
      }
      assertClear400(call(get("/api/v1/environments/{t}/web", value)), "team", value);
      assertClear400(call(get("/api/v1/environments/payments/{n}", value)), "name", value);
      assertClear400(
          call(delete("/api/v1/environments/{t}/web", value).param("reason", "x")), "team", value);
      assertClear400(
          call(
              post("/api/v1/environments/payments/{n}/extend", value)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"by\":\"PT1H\"}")),
          "name",
          value);
    }
    for (String value : HOSTILE) {
      if (!value.isEmpty()) {
        assertClear400(call(get("/api/v1/environments").param("team", value)), "team", value);
      }
      assertClear400(call(get("/api/v1/environments").param("phase", value)), "phase", value);
      if (!value.isEmpty()) {
        assertClear400(
            call(get("/api/v1/environments").param("pageToken", value)), "pageToken", value);
      }
    }
    verify(runs, never()).describe(anyString());
    verify(visibility, never()).list(anyString(), anyInt(), any());
  }

  @Test
  void givenHostileExtendBodiesAndReasons_whenSent_itShouldAnswer400() throws Exception {
    for (String value : List.of("'; DROP TABLE x; --", "$(id)", "P1D; rm -rf /", "PT1H\n", "")) {
      ObjectNode by = json.createObjectNode().put("by", value);
      assertClear400(
          call(
              post("/api/v1/environments/payments/checkout/extend")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(by.toString())),
          "by",
          value);
    }
    assertClear400(
        call(delete("/api/v1/environments/payments/checkout").param("reason", "done\nFORGED")),
        "reason",
        "newline");
    assertClear400(
        call(delete("/api/v1/environments/payments/checkout").param("reason", "x".repeat(201))),
        "reason",
        "long");
    verify(runs, never()).extend(anyString(), anyString(), any());
    verify(runs, never()).destroy(anyString(), anyString(), any());
  }

  @Test
  void givenNamesAtTheEdgesOfValidity_whenPosted_itShouldAcceptTheValidOnesAndRefuseTheRest()
      throws Exception {
    // With the default prefix "env-" the namespace is env-<team>-<name>: 63 characters at most.
    String team = "t".repeat(29);
    String longestName = "n".repeat(63 - "env-".length() - team.length() - 1);

    ObjectNode fits = validRequest().put("team", team).put("name", longestName);
    assertThat(postEnvironment(fits.toString()).getStatus()).isEqualTo(202);
    ObjectNode oneTooMany = validRequest().put("team", team).put("name", longestName + "n");
    assertClear400(postEnvironment(oneTooMany.toString()), "name", "one character too long");
    ObjectNode shortest = validRequest().put("team", "a").put("name", "0");
    assertThat(postEnvironment(shortest.toString()).getStatus()).isEqualTo(202);
    ObjectNode inner = validRequest().put("team", "a-b").put("name", "x--y");
    assertThat(postEnvironment(inner.toString()).getStatus()).isEqualTo(202);
  }

  @Test
  void givenHugeOrDeeplyNestedBodies_whenPosted_itShouldAnswer400AndStartNothing()
      throws Exception {
    String huge = validRequest().put("ttl", "P" + "1".repeat(40_000) + "D").toString();
    MockHttpServletResponse tooBig = postEnvironment(huge);
    assertThat(tooBig.getStatus()).isEqualTo(400);
    assertThat(tooBig.getContentAsString()).contains("16384 bytes").doesNotContain("1111111111");

    String deep =
        "{\"team\":\"a\",\"name\":\"b\",\"cluster\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    MockHttpServletResponse nested = postEnvironment(deep);
    assertThat(nested.getStatus()).isEqualTo(400);
    assertThat(nested.getContentAsString()).doesNotContain("Exception");

    String deepObject =
        "{\"team\":\"a\",\"name\":\"b\",\"x\":" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_001);
    assertThat(postEnvironment(deepObject).getStatus()).isEqualTo(400);

    String duplicated = "{\"team\":\"a\",\"name\":\"b\",\"ttl\":\"PT2H\",\"ttl\":\"P7D\"}";
    MockHttpServletResponse ambiguous = postEnvironment(duplicated);
    assertThat(ambiguous.getStatus()).isEqualTo(400);
    assertThat(
            json.readTree(ambiguous.getContentAsString())
                .get("errors")
                .get(0)
                .get("field")
                .asString())
        .isEqualTo("ttl");

    verify(runs, never()).start(any(), any());
  }
}
