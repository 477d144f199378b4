package dev.envforge.starter.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  /**
   * A problem's {@code instance} is the request's path, a relative reference: say so, or clients
   * that validate against the document would reject every problem.
   */
  @Bean
  OpenApiCustomizer relativeProblemInstance() {
    return openApi -> {
      if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
        return;
      }
      Schema<?> problem = openApi.getComponents().getSchemas().get("ProblemDetail");
      if (problem != null && problem.getProperties() != null) {
        Schema<?> instance = problem.getProperties().get("instance");
        if (instance != null) {
          instance.setFormat("uri-reference");
        }
      }
    };
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
