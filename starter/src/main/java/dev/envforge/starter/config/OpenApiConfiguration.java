package dev.envforge.starter.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  @Bean
  OpenAPI envforgeOpenApi() {
    return new OpenAPI()
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
