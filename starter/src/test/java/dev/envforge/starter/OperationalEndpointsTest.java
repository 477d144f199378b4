package dev.envforge.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole application wired up, pointed at an address where no Temporal answers: the documents
 * and metrics are still served, and readiness says the instance cannot serve requests.
 */
@SpringBootTest(
    properties = {
      "spring.temporal.connection.target=127.0.0.1:1",
      "management.prometheus.metrics.export.enabled=true",
      "management.endpoint.health.show-components=always"
    })
@AutoConfigureMockMvc
class OperationalEndpointsTest {

  @Autowired MockMvc mvc;
  @Autowired ApplicationContext context;

  @Test
  void givenTheApp_whenStarted_itShouldRunNoTemporalWorker() {
    assertThat(context.getBeanNamesForType(WorkerFactory.class)).isEmpty();
    assertThat(context.getBeanNamesForType(WorkflowClient.class)).isNotEmpty();
  }

  @Test
  void givenTheApp_whenTheOpenApiDocumentIsFetched_itShouldDescribeTheEnvironmentsApi()
      throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.openapi").value(org.hamcrest.Matchers.startsWith("3.")))
        .andExpect(jsonPath("$.paths['/api/v1/environments'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/environments/{team}/{name}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/environments/{team}/{name}/extend'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/environments/{team}/{name}/events'].get").exists());
  }

  @Test
  void givenTheApp_whenTheOpenApiDocumentIsFetched_itsErrorsShouldBeProblemDetails()
      throws Exception {
    String problem = "$.paths['/api/v1/environments/{team}/{name}'].get.responses['404'].content";
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath(problem + "['application/problem+json'].schema['$ref']")
                .value("#/components/schemas/ProblemDetail"))
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/reaper/last'].get.responses['403'].content"
                        + "['application/problem+json'].schema['$ref']")
                .value("#/components/schemas/ProblemDetail"))
        .andExpect(
            jsonPath("$.components.schemas.ProblemDetail.properties.instance.format")
                .value("uri-reference"))
        .andExpect(
            jsonPath("$.paths['/api/v1/environments'].post.responses['202'].content")
                .value(
                    org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasKey("application/problem+json"))));
  }

  @Test
  void givenTheApp_whenSwaggerUiIsOpened_itShouldBeServed() throws Exception {
    mvc.perform(get("/swagger-ui/index.html"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("swagger-ui")));
  }

  @Test
  void givenTheApp_whenPrometheusScrapes_itShouldExposeTimeToReadyAndPhaseGauges()
      throws Exception {
    mvc.perform(get("/actuator/prometheus"))
        .andExpect(status().isOk())
        .andExpect(
            content().string(containsString("envforge_environment_time_to_ready_seconds_bucket")))
        .andExpect(content().string(containsString("envforge_environments{phase=\"READY\"}")))
        .andExpect(
            content().string(containsString("envforge_environments{phase=\"PROVISIONING\"}")));
  }

  @Test
  void givenNoTemporal_whenReadinessIsProbed_itShouldBeOutOfServiceBecauseOfTemporal()
      throws Exception {
    mvc.perform(get("/actuator/health/readiness"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.components.temporal.status").value("DOWN"));
    mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
  }
}
