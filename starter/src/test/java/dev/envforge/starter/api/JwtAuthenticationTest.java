package dev.envforge.starter.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.envforge.starter.quota.TeamQuota;
import dev.envforge.starter.security.JwtIssuer;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.EnvironmentVisibility;
import dev.envforge.starter.temporal.EnvironmentVisibility.VisibilityPage;
import dev.envforge.starter.temporal.TemporalServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * JWTs are verified for real: signature against the issuer's published keys (served by {@link
 * JwtIssuer} over HTTP), issuer, audience and expiry; teams come from the {@code teams} claim.
 */
@EnvironmentApiSliceTest
class JwtAuthenticationTest {

  private static final JwtIssuer ISSUER = new JwtIssuer();

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("envforge.security.jwt.issuer-uri", () -> JwtIssuer.ISSUER);
    registry.add("envforge.security.jwt.jwk-set-uri", ISSUER::jwkSetUri);
    registry.add("envforge.security.jwt.audience", () -> JwtIssuer.AUDIENCE);
    registry.add("envforge.security.jwt.admin-team", () -> "platform");
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.close();
  }

  @Autowired MockMvc mvc;
  @Autowired EnvironmentRuns runs;
  @Autowired EnvironmentVisibility visibility;
  @Autowired TemporalServer server;
  @Autowired TeamQuota quota;

  @BeforeEach
  void emptyVisibility() {
    when(server.namespace()).thenReturn("default");
    when(visibility.list(anyString(), anyInt(), any()))
        .thenReturn(new VisibilityPage(List.of(), new byte[0]));
  }

  private int listWith(String token) throws Exception {
    return mvc.perform(
            get("/api/v1/environments").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
        .andReturn()
        .getResponse()
        .getStatus();
  }

  @Test
  void givenAValidToken_whenListing_itShouldSeeTheTeamsOfItsClaim() throws Exception {
    mvc.perform(
            get("/api/v1/environments")
                .header(
                    HttpHeaders.AUTHORIZATION,
                    "Bearer " + ISSUER.token("alice", List.of("payments", "search"))))
        .andExpect(status().isOk());

    verify(visibility)
        .list(
            eq("WorkflowType = 'EnvironmentWorkflow' AND EnvTeam IN ('payments', 'search')"),
            eq(20),
            any());
  }

  @Test
  void givenAMemberOfTheAdminTeam_whenCallingAdminPaths_itShouldPass() throws Exception {
    String admin = ISSUER.token("root", List.of("platform"));
    String member = ISSUER.token("bob", List.of("payments"));

    mvc.perform(get("/api/v1/reaper/last").header(HttpHeaders.AUTHORIZATION, "Bearer " + member))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/v1/environments").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin))
        .andExpect(status().isOk());
    verify(visibility).list(eq("WorkflowType = 'EnvironmentWorkflow'"), eq(20), any());
  }

  @Test
  void givenTokensWrongInOneRespect_whenPresented_itShouldRefuseEachWith401() throws Exception {
    List<String> teams = List.of("payments");
    org.assertj.core.api.Assertions.assertThat(
            List.of(
                listWith(ISSUER.forgedToken("mallory", teams)),
                listWith(
                    ISSUER.token(
                        "mallory",
                        teams,
                        "https://elsewhere.test",
                        JwtIssuer.AUDIENCE,
                        Duration.ofMinutes(5))),
                listWith(
                    ISSUER.token(
                        "mallory", teams, JwtIssuer.ISSUER, "another-api", Duration.ofMinutes(5))),
                listWith(
                    ISSUER.token(
                        "mallory",
                        teams,
                        JwtIssuer.ISSUER,
                        JwtIssuer.AUDIENCE,
                        Duration.ofMinutes(-5))),
                listWith("not.a.jwt")))
        .containsOnly(401);
    org.assertj.core.api.Assertions.assertThat(listWith(ISSUER.token("alice", teams)))
        .as("the same claims, correctly issued, are accepted")
        .isEqualTo(200);
    verify(runs, never()).start(any(), any());
  }
}
