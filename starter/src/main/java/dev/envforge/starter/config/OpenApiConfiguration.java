package dev.envforge.starter.config;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  private static final String PROBLEM_SCHEMA = "ProblemDetail";

  /**
   * Every error this API answers is an RFC 9457 problem: the operations only name their error codes
   * and what they mean, and this gives each of them the problem body once.
   */
  @Bean
  OpenApiCustomizer errorsAreProblems() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      Components components = openApi.getComponents();
      if (components == null) {
        components = new Components();
        openApi.setComponents(components);
      }
      if (components.getSchemas() == null || !components.getSchemas().containsKey(PROBLEM_SCHEMA)) {
        ModelConverters.getInstance().readAll(ProblemDetail.class).forEach(components::addSchemas);
      }
      relativeProblemInstance(components);
      openApi.getPaths().values().stream()
          .flatMap(path -> path.readOperations().stream())
          .filter(operation -> operation.getResponses() != null)
          .flatMap(operation -> operation.getResponses().entrySet().stream())
          .filter(response -> isError(response.getKey()))
          .forEach(
              response ->
                  response
                      .getValue()
                      .setContent(
                          new Content()
                              .addMediaType(
                                  MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                  new io.swagger.v3.oas.models.media.MediaType()
                                      .schema(
                                          new Schema<>()
                                              .$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
    };
  }

  /**
   * A problem's {@code instance} is the request's path, a relative reference: say so, or clients
   * that validate against the document would reject every problem.
   */
  private static void relativeProblemInstance(Components components) {
    Schema<?> problem = components.getSchemas().get(PROBLEM_SCHEMA);
    if (problem != null && problem.getProperties() != null) {
      Schema<?> instance = problem.getProperties().get("instance");
      if (instance != null) {
        instance.setFormat("uri-reference");
      }
    }
  }

  private static boolean isError(String statusCode) {
    return statusCode.startsWith("4") || statusCode.startsWith("5");
  }

  @Bean
  OpenAPI envforgeOpenApi() {
    return new OpenAPI()
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("A static API token or a JWT from the configured issuer")))
        .info(
            new Info()
                .title("envforge API")
                .version("v1")
                .description(
                    "Request, watch, extend and delete development environments. Each environment"
                        + " is a Temporal workflow with id environment/<team>/<name>; errors are"
                        + " RFC 9457 problem details."));
  }
}
