package dev.envforge.starter.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.envforge.starter.security.TestTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * Every request of the test is the admin's, for tests about the HTTP contract rather than about who
 * may call; the admin token must be configured.
 */
@TestConfiguration
class AdminCaller {

  @Bean
  MockMvcBuilderCustomizer adminCaller() {
    return builder ->
        builder.defaultRequest(
            get("/").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.ADMIN)));
  }
}
