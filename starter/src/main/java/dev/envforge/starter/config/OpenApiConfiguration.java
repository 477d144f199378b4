package dev.envforge.starter.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

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
