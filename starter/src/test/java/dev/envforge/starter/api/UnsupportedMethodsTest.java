package dev.envforge.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.envforge.starter.security.TestTokens;
import dev.envforge.starter.temporal.ReaperSweeps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A method that an endpoint does not map is a 405 naming the methods it does map, whether the
 * method is a standard one or not; the body is a problem detail like every other refusal.
 */
@EnvironmentApiSliceTest
@Import(ReaperController.class)
@MockitoBean(types = ReaperSweeps.class)
@TestPropertySource(
    properties = {
      "envforge.security.tokens[0].name=test-admin",
      "envforge.security.tokens[0].sha256=" + TestTokens.ADMIN_SHA256,
      "envforge.security.tokens[0].admin=true",
      "envforge.security.tokens[1].name=payments-ci",
      "envforge.security.tokens[1].sha256=" + TestTokens.PAYMENTS_SHA256,
      "envforge.security.tokens[1].teams=payments"
    })
class UnsupportedMethodsTest {

  @Autowired MockMvc mvc;

  private MockHttpServletResponse call(String method, String path) throws Exception {
    return mvc.perform(
            request(HttpMethod.valueOf(method), path)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.ADMIN)))
        .andReturn()
        .getResponse();
  }

  @ParameterizedTest
  @CsvSource({
    "QUERY, /api/v1/environments, 'GET,POST'",
    "PUT, /api/v1/environments, 'GET,POST'",
    "PATCH, /api/v1/environments/payments/checkout, 'GET,DELETE'",
    "QUERY, /api/v1/environments/payments/checkout/events, GET",
    "GET, /api/v1/environments/payments/checkout/extend, POST"
  })
  void givenAMethodTheEndpointDoesNotMap_whenCalled_itShouldAnswer405WithAllow(
      String method, String path, String allowed) throws Exception {
    MockHttpServletResponse response = call(method, path);

    assertThat(response.getStatus()).as(method + " " + path).isEqualTo(405);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getHeader(HttpHeaders.ALLOW).split(",\\s*"))
        .containsExactlyInAnyOrder(allowed.split(","));
  }

  @ParameterizedTest
  @CsvSource({"QUERY, /api/v1/reaper/last, GET", "DELETE, /api/v1/reaper/sweeps, POST"})
  void givenAnAdminOnlyPath_whenANonAdminCallsAnUnmappedMethod_itShouldAnswer405Not403(
      String method, String path, String allowed) throws Exception {
    MockHttpServletResponse response =
        mvc.perform(
                request(HttpMethod.valueOf(method), path)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.PAYMENTS)))
            .andReturn()
            .getResponse();

    assertThat(response.getStatus()).as(method + " " + path).isEqualTo(405);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getHeader(HttpHeaders.ALLOW)).isEqualTo(allowed);
  }

  @Test
  void givenAnUnknownPath_whenCalledWithAnUnknownMethod_itShouldStayAProblem() throws Exception {
    MockHttpServletResponse response = call("QUERY", "/api/v1/nothing-here");

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getContentType()).startsWith("application/problem+json");
  }
}
